"""What may be done with an organisation's management reviews, and by whom (the policy decides: `backend/policy.py`).

The organisation's own member accounts plan, hold, decide and close its reviews and follow their actions. The
coach of a cluster it belongs to and the consultancy's admins read them, with their inputs, decisions and minutes.
"""

from __future__ import annotations

from backend.policy import Action

OWN = "organisation_id"

PLAN_REVIEW = Action("reviews.plan_review", "plan management reviews", for_own_organisation=OWN)
GATHER_INPUTS = Action("reviews.gather_inputs", "gather a management review's inputs", for_own_organisation=OWN)
NOTE_OPPORTUNITY = Action("reviews.note_opportunity", "note opportunities for improvement", for_own_organisation=OWN)
HOLD_REVIEW = Action("reviews.hold_review", "hold a management review", for_own_organisation=OWN)
RECORD_DECISION = Action("reviews.record_decision", "record a management review's decisions", for_own_organisation=OWN)
CLOSE_REVIEW = Action("reviews.close_review", "close a management review", for_own_organisation=OWN, approves=True)
CORRECT_DECISION = Action(
    "reviews.correct_decision", "correct a closed review's decision", for_own_organisation=OWN, approves=True
)
CHANGE_ACTION = Action("reviews.change_action", "follow a management review's actions", for_own_organisation=OWN)
