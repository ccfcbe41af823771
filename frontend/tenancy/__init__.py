"""Signing in and out of a consultancy's Cordee."""

from pathlib import Path

from frontend.site.feature import PageFeature
from frontend.tenancy.account import AccountPages
from frontend.tenancy.sign_in import SignInPages

FEATURE = PageFeature("tenancy", Path(__file__).parent, (SignInPages, AccountPages))
