"""What may be done with an organisation's internal audits, and by whom (the policy decides: `backend/policy.py`).

An organisation's member accounts, the coach of its cluster and the consultancy's admins plan its audit programme
and its audits: a coach often audits a client as its independent internal auditor. Findings are recorded, and an
audit completed, by its auditor alone (the domain refuses anyone else); the policy lets these roles try, in view."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

PEOPLE = {ADMIN, COACH, MEMBER}

PLAN_AUDIT_PROGRAMME = Action("audits.plan_audit_programme", "plan audit programmes")
PLAN_AUDIT = Action("audits.plan_audit", "plan internal audits")
RECORD_AUDIT_FINDING = Action("audits.record_audit_finding", "record audit findings")
COMPLETE_AUDIT = Action("audits.complete_audit", "complete internal audits", approves=True)
RAISE_NONCONFORMITY_FROM_FINDING = Action(
    "audits.raise_nonconformity_from_finding", "raise nonconformities from audit findings"
)
