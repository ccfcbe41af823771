"""What may be done with the consultancy's settings, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import Action

CHANGE_SETTINGS = Action("tenancy.change_settings", "change the consultancy's settings")
CHANGE_OWN_PASSWORD = Action("tenancy.change_own_password", "change your password", needs_session=True)
MANAGE_OWN_CALENDAR_LINK = Action("tenancy.manage_own_calendar_link", "manage your calendar link", needs_session=True)
MANAGE_ACCOUNTS = Action("tenancy.manage_accounts", "manage accounts", needs_session=True)
MANAGE_OWN_API_TOKENS = Action("tenancy.manage_own_api_tokens", "manage your API tokens", needs_session=True)
MANAGE_INTEGRATIONS = Action("tenancy.manage_integrations", "manage the consultancy's integrations", needs_session=True)
GRANT_ROLES = Action("tenancy.grant_roles", "grant or revoke roles", needs_session=True)
"""An admin grants any role; an ISMS manager its own organisation's ISMS manager, contributor and viewer roles
(`backend.policy.authorize_grant`)."""
SEE_AUDITOR_READS = Action("tenancy.see_auditor_reads", "see what auditors read")
INVITE_OWN_PEOPLE = Action("tenancy.invite_own_people", "invite your organisation's people", needs_session=True)
"""An admin invites anyone; an ISMS manager their own organisation's ISMS managers, contributors and viewers."""
