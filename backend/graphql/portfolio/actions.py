"""Who may read the consultancy's portfolio (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import Action

SEE_PORTFOLIO = Action("portfolio.see_portfolio", "see the consultancy's portfolio")
"""An admin sees every cluster, a coach the clusters they lead; a member organisation's people and auditors none."""
