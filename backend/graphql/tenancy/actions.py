"""What may be done with the consultancy's settings, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

CHANGE_SETTINGS = Action("change the consultancy's settings", {ADMIN})
CHANGE_OWN_PASSWORD = Action("change your password", {ADMIN, COACH, MEMBER}, needs_session=True)
MANAGE_OWN_CALENDAR_LINK = Action("manage your calendar link", {ADMIN, COACH, MEMBER}, needs_session=True)
MANAGE_ACCOUNTS = Action("manage accounts", {ADMIN}, needs_session=True)
MANAGE_OWN_API_TOKENS = Action("manage your API tokens", {ADMIN, COACH, MEMBER}, needs_session=True)
MANAGE_INTEGRATIONS = Action("manage the consultancy's integrations", {ADMIN}, needs_session=True)
