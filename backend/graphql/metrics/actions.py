"""What may be done with an organisation's metrics, and by whom (the policy decides: `backend/policy.py`).

Its member accounts, the coach of its cluster and the consultancy's admins define and revise metrics, record and
correct measurements, and retire a metric no longer kept: a coach often measures with the client at a visit."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

PEOPLE = {ADMIN, COACH, MEMBER}

DEFINE_METRIC = Action("metrics.define_metric", "define metrics")
REVISE_METRIC = Action("metrics.revise_metric", "revise metrics")
RETIRE_METRIC = Action("metrics.retire_metric", "retire metrics")
RECORD_MEASUREMENT = Action("metrics.record_measurement", "record measurements")
CORRECT_MEASUREMENT = Action("metrics.correct_measurement", "correct measurements")
