"""What may be done with the consultancy's settings, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, EVERYONE, ISMS_MANAGER, MEMBER, Action

CHANGE_SETTINGS = Action("change the consultancy's settings", {ADMIN})
CHANGE_OWN_PASSWORD = Action("change your password", EVERYONE, needs_session=True)
MANAGE_OWN_CALENDAR_LINK = Action("manage your calendar link", {ADMIN, COACH, MEMBER}, needs_session=True)
MANAGE_ACCOUNTS = Action("manage accounts", {ADMIN}, needs_session=True)
MANAGE_OWN_API_TOKENS = Action("manage your API tokens", {ADMIN, COACH, MEMBER}, needs_session=True)
MANAGE_INTEGRATIONS = Action("manage the consultancy's integrations", {ADMIN}, needs_session=True)
GRANT_ROLES = Action("grant or revoke roles", {ADMIN, ISMS_MANAGER}, needs_session=True)
"""An admin grants any role; an ISMS manager its own organisation's ISMS manager, contributor and viewer roles
(`backend.policy.authorize_grant`)."""
SEE_AUDITOR_READS = Action("see what auditors read", {ADMIN})
INVITE_OWN_PEOPLE = Action("invite your organisation's people", {ADMIN, ISMS_MANAGER}, needs_session=True)
"""An admin invites anyone; an ISMS manager their own organisation's ISMS managers, contributors and viewers."""
