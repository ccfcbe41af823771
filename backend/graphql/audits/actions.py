"""What may be done with an organisation's internal audits, and by whom (the policy decides: `backend/policy.py`).

An organisation's member accounts, the coach of its cluster and the consultancy's admins plan its audit programme
and its audits: a coach often audits a client as its independent internal auditor. Findings are recorded, and an
audit completed, by its auditor alone (the domain refuses anyone else); the policy lets these roles try, in view."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

PEOPLE = {ADMIN, COACH, MEMBER}

PLAN_AUDIT_PROGRAMME = Action("plan audit programmes", PEOPLE)
PLAN_AUDIT = Action("plan internal audits", PEOPLE)
RECORD_AUDIT_FINDING = Action("record audit findings", PEOPLE)
COMPLETE_AUDIT = Action("complete internal audits", PEOPLE, approves=True)
RAISE_NONCONFORMITY_FROM_FINDING = Action("raise nonconformities from audit findings", PEOPLE)
