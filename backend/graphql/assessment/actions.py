"""What may be done with gap analyses, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import Action

ASSESS_GAP = Action("assessment.assess_gap", "record gap analyses")
