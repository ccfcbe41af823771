"""Who may read what of the audit trail (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import ADMIN, Action

READ_WHOLE_TRAIL = Action("read the consultancy's whole audit trail", {ADMIN})
"""The whole trail, filtered by person, register and period, and the accounts' own events."""
