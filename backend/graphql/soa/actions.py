"""What may be done with an organisation's Statement of Applicability, and by whom (the policy decides:
`backend/policy.py`).

The organisation's member accounts keep it; the coach of a cluster it belongs to and the consultancy's admins read
it and may decide, submit and approve with the organisation, as they review its ISMS. Every input names the
organisation, which the policy checks against the principal's view (a member acts for its own only). A version is
approved by someone other than the person who submitted it: the domain's rule."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

EVERYONE_IN_VIEW = {ADMIN, COACH, MEMBER}

START_SOA = Action("soa.start_soa", "start a Statement of Applicability")
DECIDE_CONTROL = Action("soa.decide_control", "decide a control of the Statement of Applicability")
SUBMIT_SOA = Action("soa.submit_soa", "submit the Statement of Applicability")
APPROVE_SOA = Action("soa.approve_soa", "approve the Statement of Applicability", approves=True)
REJECT_SOA = Action("soa.reject_soa", "reject the Statement of Applicability", approves=True)
MOVE_SOA = Action("soa.move_soa", "move the Statement of Applicability to another edition")
