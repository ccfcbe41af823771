"""What may be done with an organisation's change log, and by whom (the policy decides: `backend/policy.py`).

The organisation's member accounts keep its change log, as they keep its other registers: they file changes,
approve another's, consent as members of the Change Advisory Board, schedule and record the execution; they name
the board and define the standard changes. Its coach and the consultancy's admins read the log and export it, and do
not act in it: a change is the organisation's own operation, and its approval a control inside the organisation."""

from __future__ import annotations

from backend.policy import MEMBER, Action

OWN = "organisation_id"

FILE_CHANGE = Action("file changes", {MEMBER}, for_own_organisation=OWN)
APPROVE_CHANGE = Action("approve changes", {MEMBER}, for_own_organisation=OWN, approves=True)
CONSENT_TO_CHANGE = Action("consent to emergency changes", {MEMBER}, for_own_organisation=OWN, approves=True)
SCHEDULE_CHANGE = Action("schedule changes", {MEMBER}, for_own_organisation=OWN)
EXECUTE_CHANGE = Action("record the execution of changes", {MEMBER}, for_own_organisation=OWN)
NAME_BOARD = Action("name the Change Advisory Board", {MEMBER}, for_own_organisation=OWN)
DEFINE_STANDARD_CHANGE = Action("define standard changes", {MEMBER}, for_own_organisation=OWN)
