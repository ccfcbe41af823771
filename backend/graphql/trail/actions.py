"""Who may read what of the audit trail (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import Action

READ_WHOLE_TRAIL = Action("trail.read_whole_trail", "read the consultancy's whole audit trail")
"""The whole trail, filtered by person, register and period, and the accounts' own events."""
