"""What may be done with an organisation's nonconformities, and by whom (the policy decides: `backend/policy.py`).

Its member accounts, the coach of its cluster and the consultancy's admins raise nonconformities, analyse them and
plan corrective actions; an action's effectiveness is verified by someone other than its owner (the domain refuses
the owner), so that a coach can sign off a client's action and a colleague another's."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

PEOPLE = {ADMIN, COACH, MEMBER}

RAISE_NONCONFORMITY = Action("raise nonconformities", PEOPLE)
ANALYSE_NONCONFORMITY = Action("analyse nonconformities", PEOPLE)
PLAN_CORRECTIVE_ACTION = Action("plan corrective actions", PEOPLE)
COMPLETE_CORRECTIVE_ACTION = Action("complete corrective actions", PEOPLE)
VERIFY_EFFECTIVENESS = Action("verify the effectiveness of corrective actions", PEOPLE, approves=True)
CLOSE_NONCONFORMITY = Action("close nonconformities", PEOPLE, approves=True)
