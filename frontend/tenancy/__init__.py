"""Signing in and out of a consultancy's Cordee, one's own account, and the admins' accounts and settings."""

from pathlib import Path

from frontend.site.feature import PageFeature
from frontend.tenancy.account import AccountPages
from frontend.tenancy.accounts import AccountsPages
from frontend.tenancy.api_tokens import ApiTokenPages
from frontend.tenancy.grants import GrantsPages
from frontend.tenancy.invitation import InvitationPages
from frontend.tenancy.password_reset import PasswordResetPages
from frontend.tenancy.security import SecurityPages
from frontend.tenancy.settings import SettingsPages
from frontend.tenancy.sign_in import SignInPages

FEATURE = PageFeature(
    "tenancy",
    Path(__file__).parent,
    (
        SignInPages,
        AccountPages,
        ApiTokenPages,
        InvitationPages,
        AccountsPages,
        GrantsPages,
        SettingsPages,
        SecurityPages,
        PasswordResetPages,
    ),
    admin_nav=(("/accounts", "Accounts"), ("/settings", "Settings")),
)
