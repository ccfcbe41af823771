"""What may be done with organisations, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import ADMIN, Action

REGISTER_ORGANISATION = Action("register organisations", {ADMIN})
CHANGE_ORGANISATION_DETAILS = Action("change organisations' details", {ADMIN})
