"""What may be done with the members' comparison, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import Action

CONSENT = Action("comparison.consent", "give or withdraw your organisation's consent to the comparison")
SET_THRESHOLD = Action("comparison.set_threshold", "set how many organisations a comparison needs")
