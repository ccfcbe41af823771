"""Who may read which credentials (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import Action

READ_OWN = Action("credentials.read_own", "read your label credentials")
