"""What may be done with a member's engagement, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, Action

RAISE_COACHING_CEILING = Action("raise a coaching ceiling", {ADMIN})
LOG_COACHING = Action("log coaching", {ADMIN, COACH}, logged_by_coach=True)
RECORD_OUTCOME = Action("record outcomes", {ADMIN, COACH})
CORRECT_COACHING = Action("correct or void coaching entries", {ADMIN, COACH})
