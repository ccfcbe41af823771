"""What may be done with feedback, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import Action

HIDE_FEEDBACK = Action("feedback.hide_feedback", "hide feedback")
UNHIDE_FEEDBACK = Action("feedback.unhide_feedback", "show hidden feedback again")
SHARE_FEEDBACK = Action("feedback.share_feedback", "share feedback", for_own_organisation="organisation_id")
WITHDRAW_FEEDBACK = Action(
    "feedback.withdraw_feedback", "withdraw feedback", for_own_organisation="acting_organisation_id"
)
