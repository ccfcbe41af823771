"""What may be done with gap analyses, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, Action

ASSESS_GAP = Action("record gap analyses", {ADMIN, COACH})
