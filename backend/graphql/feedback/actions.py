"""What may be done with feedback, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

HIDE_FEEDBACK = Action("hide feedback", {ADMIN, COACH})
UNHIDE_FEEDBACK = Action("show hidden feedback again", {ADMIN, COACH})
SHARE_FEEDBACK = Action("share feedback", {MEMBER}, for_own_organisation="organisation_id")
WITHDRAW_FEEDBACK = Action("withdraw feedback", {MEMBER}, for_own_organisation="acting_organisation_id")
