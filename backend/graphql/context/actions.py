"""What may be done with an organisation's context, and by whom (the policy decides: `backend/policy.py`).

The organisation's own people write it; its coach and the consultancy's admins read it (the scope shows it them)."""

from __future__ import annotations

from backend.policy import Action

EDIT_CONTEXT = Action(
    "context.edit_context", "change an organisation's context", for_own_organisation="organisation_id"
)
