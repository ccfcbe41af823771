"""What may be done with a member's engagement, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import Action

RAISE_COACHING_CEILING = Action("engagement.raise_coaching_ceiling", "raise a coaching ceiling")
LOG_COACHING = Action("engagement.log_coaching", "log coaching", logged_by_coach=True)
RECORD_OUTCOME = Action("engagement.record_outcome", "record outcomes")
CORRECT_COACHING = Action("engagement.correct_coaching", "correct or void coaching entries")
