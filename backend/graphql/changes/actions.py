"""What may be done with an organisation's change log, and by whom (the policy decides: `backend/policy.py`).

The organisation's member accounts keep its change log, as they keep its other registers: they file changes,
approve another's, consent as members of the Change Advisory Board, schedule and record the execution; they name
the board and define the standard changes. Its coach and the consultancy's admins read the log and export it, and do
not act in it: a change is the organisation's own operation, and its approval a control inside the organisation."""

from __future__ import annotations

from backend.policy import Action

OWN = "organisation_id"

FILE_CHANGE = Action("changes.file_change", "file changes", for_own_organisation=OWN)
APPROVE_CHANGE = Action("changes.approve_change", "approve changes", for_own_organisation=OWN, approves=True)
CONSENT_TO_CHANGE = Action(
    "changes.consent_to_change", "consent to emergency changes", for_own_organisation=OWN, approves=True
)
SCHEDULE_CHANGE = Action("changes.schedule_change", "schedule changes", for_own_organisation=OWN)
EXECUTE_CHANGE = Action("changes.execute_change", "record the execution of changes", for_own_organisation=OWN)
NAME_BOARD = Action("changes.name_board", "name the Change Advisory Board", for_own_organisation=OWN)
DEFINE_STANDARD_CHANGE = Action("changes.define_standard_change", "define standard changes", for_own_organisation=OWN)
