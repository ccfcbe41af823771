"""What may be done with an organisation's management reviews, and by whom (the policy decides: `backend/policy.py`).

The organisation's own member accounts plan, hold, decide and close its reviews and follow their actions. The
coach of a cluster it belongs to and the consultancy's admins read them, with their inputs, decisions and minutes.
"""

from __future__ import annotations

from backend.policy import MEMBER, Action

OWN = "organisation_id"

PLAN_REVIEW = Action("plan management reviews", {MEMBER}, for_own_organisation=OWN)
GATHER_INPUTS = Action("gather a management review's inputs", {MEMBER}, for_own_organisation=OWN)
NOTE_OPPORTUNITY = Action("note opportunities for improvement", {MEMBER}, for_own_organisation=OWN)
HOLD_REVIEW = Action("hold a management review", {MEMBER}, for_own_organisation=OWN)
RECORD_DECISION = Action("record a management review's decisions", {MEMBER}, for_own_organisation=OWN)
CLOSE_REVIEW = Action("close a management review", {MEMBER}, for_own_organisation=OWN, approves=True)
CORRECT_DECISION = Action("correct a closed review's decision", {MEMBER}, for_own_organisation=OWN, approves=True)
CHANGE_ACTION = Action("follow a management review's actions", {MEMBER}, for_own_organisation=OWN)
