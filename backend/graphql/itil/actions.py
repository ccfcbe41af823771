"""What may be done with an organisation's ITIL declarations, and by whom (the policy decides: `backend/policy.py`).

An organisation's member accounts declare; its coach and the consultancy's admins read them. Confirming a gap-analysis
proposal is recording the gap analysis: the assessment's own action (`ASSESS_GAP`), the coach's or an admin's."""

from __future__ import annotations

from backend.policy import MEMBER, Action

DECLARE_ITIL = Action("declare ITIL practices", {MEMBER}, for_own_organisation="organisation_id")
WITHDRAW_ITIL = Action("withdraw ITIL declarations", {MEMBER}, for_own_organisation="organisation_id")
