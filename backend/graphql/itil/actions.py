"""What may be done with an organisation's ITIL declarations, and by whom (the policy decides: `backend/policy.py`).

An organisation's member accounts declare; its coach and the consultancy's admins read them. Confirming the
gap-analysis proposals records the gap analysis: the coach's or an admin's, as the assessment itself."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

DECLARE_ITIL = Action("declare ITIL practices", {MEMBER}, for_own_organisation="organisation_id")
WITHDRAW_ITIL = Action("withdraw ITIL declarations", {MEMBER}, for_own_organisation="organisation_id")
CONFIRM_ITIL_GAP = Action("record gap analyses", {ADMIN, COACH})
"""As the gap analysis itself (`ASSESS_GAP`): the levels confirmed are the coach's assessment."""
