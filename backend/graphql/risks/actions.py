"""What may be done with an organisation's risks, and by whom (the policy decides: `backend/policy.py`).

An organisation's member accounts keep its risk register, treatment plan and objectives, as they keep its asset
inventory; its coach and the consultancy's admins read them. Accepting a risk is its owner's alone (an account of
the organisation: the domain refuses any other). Management's decision to let a risk above the acceptance criteria
be accepted is recorded by a member account of the organisation, for its management: the decision is the
organisation's, never its coach's. The consultancy's admins set the risk method."""

from __future__ import annotations

from backend.policy import ADMIN, MEMBER, Action

OWN = "organisation_id"

IDENTIFY_RISK = Action("identify risks", {MEMBER}, for_own_organisation=OWN)
COPY_RISK_SCENARIO = Action("copy risk scenarios into a risk register", {MEMBER}, for_own_organisation=OWN)
CHANGE_RISK = Action("change risks", {MEMBER}, for_own_organisation=OWN)
ASSESS_RISK = Action("assess risks", {MEMBER}, for_own_organisation=OWN)
TREAT_RISK = Action("treat risks", {MEMBER}, for_own_organisation=OWN)
RECORD_MANAGEMENT_DECISION = Action("record management's decisions on risks", {MEMBER}, for_own_organisation=OWN)
ACCEPT_RISK = Action("accept risks", {MEMBER}, for_own_organisation=OWN, approves=True)
CLOSE_RISK = Action("close risks", {MEMBER}, for_own_organisation=OWN, approves=True)
HOLD_RISK_REVIEW = Action("review the risk register", {MEMBER}, for_own_organisation=OWN)
PLAN_TREATMENT = Action("plan the risk treatment", {MEMBER}, for_own_organisation=OWN)
SET_OBJECTIVES = Action("set security objectives", {MEMBER}, for_own_organisation=OWN)
SET_RISK_METHOD = Action("set the risk method", {ADMIN})
