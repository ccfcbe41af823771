"""What may be done with an organisation's competence and awareness records, and by whom (the policy decides:
`backend/policy.py`). Its member accounts keep them; its coach and the consultancy's admins read them."""

from __future__ import annotations

from backend.policy import Action

RECORD_TRAINING = Action("competence.record_training", "record trainings", for_own_organisation="organisation_id")
WITHDRAW_TRAINING = Action(
    "competence.withdraw_training", "withdraw training records", for_own_organisation="organisation_id"
)
RUN_CAMPAIGN = Action("competence.run_campaign", "record awareness campaigns", for_own_organisation="organisation_id")
WITHDRAW_CAMPAIGN = Action(
    "competence.withdraw_campaign", "withdraw awareness campaigns", for_own_organisation="organisation_id"
)
