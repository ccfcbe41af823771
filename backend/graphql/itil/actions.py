"""What may be done with an organisation's ITIL declarations, and by whom (the policy decides: `backend/policy.py`).

An organisation's member accounts declare; its coach and the consultancy's admins read them. Confirming the
gap-analysis proposals records the gap analysis: the coach's or an admin's, as the assessment itself."""

from __future__ import annotations

from backend.policy import Action

DECLARE_ITIL = Action("itil.declare_itil", "declare ITIL practices", for_own_organisation="organisation_id")
WITHDRAW_ITIL = Action("itil.withdraw_itil", "withdraw ITIL declarations", for_own_organisation="organisation_id")
CONFIRM_ITIL_GAP = Action("itil.confirm_itil_gap", "record gap analyses")
"""As the gap analysis itself (`ASSESS_GAP`): the levels confirmed are the coach's assessment."""
