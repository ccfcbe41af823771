"""What may be done with organisations, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import Action

REGISTER_ORGANISATION = Action("organisations.register_organisation", "register organisations")
CHANGE_ORGANISATION_DETAILS = Action("organisations.change_organisation_details", "change organisations' details")
