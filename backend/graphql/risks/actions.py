"""What may be done with an organisation's risks, and by whom (the policy decides: `backend/policy.py`).

An organisation's member accounts keep its risk register, treatment plan and objectives, as they keep its asset
inventory; its coach and the consultancy's admins read them. Accepting a risk is its owner's alone (an account of
the organisation: the domain refuses any other). Management's decision to let a risk above the acceptance criteria
be accepted is recorded by a member account of the organisation, for its management: the decision is the
organisation's, never its coach's. The consultancy's admins set the risk method."""

from __future__ import annotations

from backend.policy import Action

OWN = "organisation_id"

IDENTIFY_RISK = Action("risks.identify_risk", "identify risks", for_own_organisation=OWN)
COPY_RISK_SCENARIO = Action(
    "risks.copy_risk_scenario", "copy risk scenarios into a risk register", for_own_organisation=OWN
)
CHANGE_RISK = Action("risks.change_risk", "change risks", for_own_organisation=OWN)
ASSESS_RISK = Action("risks.assess_risk", "assess risks", for_own_organisation=OWN)
TREAT_RISK = Action("risks.treat_risk", "treat risks", for_own_organisation=OWN)
RECORD_MANAGEMENT_DECISION = Action(
    "risks.record_management_decision", "record management's decisions on risks", for_own_organisation=OWN
)
ACCEPT_RISK = Action("risks.accept_risk", "accept risks", for_own_organisation=OWN, approves=True)
CLOSE_RISK = Action("risks.close_risk", "close risks", for_own_organisation=OWN, approves=True)
HOLD_RISK_REVIEW = Action("risks.hold_risk_review", "review the risk register", for_own_organisation=OWN)
PLAN_TREATMENT = Action("risks.plan_treatment", "plan the risk treatment", for_own_organisation=OWN)
SET_OBJECTIVES = Action("risks.set_objectives", "set security objectives", for_own_organisation=OWN)
SET_RISK_METHOD = Action("risks.set_risk_method", "set the risk method")
