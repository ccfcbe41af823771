"""What may be done with an organisation's nonconformities, and by whom (the policy decides: `backend/policy.py`).

Its member accounts, the coach of its cluster and the consultancy's admins raise nonconformities, analyse them and
plan corrective actions; an action's effectiveness is verified by someone other than its owner (the domain refuses
the owner), so that a coach can sign off a client's action and a colleague another's."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

PEOPLE = {ADMIN, COACH, MEMBER}

RAISE_NONCONFORMITY = Action("nonconformities.raise_nonconformity", "raise nonconformities")
ANALYSE_NONCONFORMITY = Action("nonconformities.analyse_nonconformity", "analyse nonconformities")
PLAN_CORRECTIVE_ACTION = Action("nonconformities.plan_corrective_action", "plan corrective actions")
COMPLETE_CORRECTIVE_ACTION = Action("nonconformities.complete_corrective_action", "complete corrective actions")
VERIFY_EFFECTIVENESS = Action(
    "nonconformities.verify_effectiveness", "verify the effectiveness of corrective actions", approves=True
)
CLOSE_NONCONFORMITY = Action("nonconformities.close_nonconformity", "close nonconformities", approves=True)
