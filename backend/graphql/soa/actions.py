"""What may be done with an organisation's Statement of Applicability, and by whom (the policy decides:
`backend/policy.py`).

The organisation's member accounts keep it; the coach of a cluster it belongs to and the consultancy's admins read
it and may decide, submit and approve with the organisation, as they review its ISMS. Every input names the
organisation, which the policy checks against the principal's view (a member acts for its own only). A version is
approved by someone other than the person who submitted it: the domain's rule."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

EVERYONE_IN_VIEW = {ADMIN, COACH, MEMBER}

START_SOA = Action("start a Statement of Applicability", EVERYONE_IN_VIEW)
DECIDE_CONTROL = Action("decide a control of the Statement of Applicability", EVERYONE_IN_VIEW)
SUBMIT_SOA = Action("submit the Statement of Applicability", EVERYONE_IN_VIEW)
APPROVE_SOA = Action("approve the Statement of Applicability", EVERYONE_IN_VIEW, approves=True)
REJECT_SOA = Action("reject the Statement of Applicability", EVERYONE_IN_VIEW, approves=True)
MOVE_SOA = Action("move the Statement of Applicability to another edition", EVERYONE_IN_VIEW)
