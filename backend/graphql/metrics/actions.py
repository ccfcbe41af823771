"""What may be done with an organisation's metrics, and by whom (the policy decides: `backend/policy.py`).

Its member accounts, the coach of its cluster and the consultancy's admins define and revise metrics, record and
correct measurements, and retire a metric no longer kept: a coach often measures with the client at a visit."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

PEOPLE = {ADMIN, COACH, MEMBER}

DEFINE_METRIC = Action("define metrics", PEOPLE)
REVISE_METRIC = Action("revise metrics", PEOPLE)
RETIRE_METRIC = Action("retire metrics", PEOPLE)
RECORD_MEASUREMENT = Action("record measurements", PEOPLE)
CORRECT_MEASUREMENT = Action("correct measurements", PEOPLE)
