"""What may be done with an organisation's competence and awareness records, and by whom (the policy decides:
`backend/policy.py`). Its member accounts keep them; its coach and the consultancy's admins read them."""

from __future__ import annotations

from backend.policy import MEMBER, Action

RECORD_TRAINING = Action("record trainings", {MEMBER}, for_own_organisation="organisation_id")
WITHDRAW_TRAINING = Action("withdraw training records", {MEMBER}, for_own_organisation="organisation_id")
RUN_CAMPAIGN = Action("record awareness campaigns", {MEMBER}, for_own_organisation="organisation_id")
WITHDRAW_CAMPAIGN = Action("withdraw awareness campaigns", {MEMBER}, for_own_organisation="organisation_id")
