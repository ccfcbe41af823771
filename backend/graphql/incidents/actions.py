"""What may be done with an organisation's incidents and service levels, and by whom (the policy decides:
`backend/policy.py`). An organisation's member accounts keep its incidents and agree its service levels; its coach
and the consultancy's admins read them."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

AGREE_SERVICE_LEVELS = Action("agree service levels", {MEMBER}, for_own_organisation="organisation_id")
REPORT_INCIDENT = Action("report incidents", {MEMBER}, for_own_organisation="organisation_id")
HANDLE_INCIDENT = Action("handle incidents", {MEMBER}, for_own_organisation="organisation_id")
"""Acknowledge, escalate, restore and link."""
CLOSE_INCIDENT = Action("close incidents", {MEMBER}, for_own_organisation="organisation_id")
RAISE_NONCONFORMITY_FROM_INCIDENT = Action("raise nonconformities from incidents' lessons", {ADMIN, COACH, MEMBER})
"""Whoever raises the organisation's nonconformities (its member accounts, its cluster's coach, the consultancy's
admins) opens one from a closed incident's lessons, as the finding of an audit does."""
MANAGE_MONITORING_TOKENS = Action("issue or revoke monitoring tokens", {ADMIN, MEMBER}, approves=True)
"""The organisation's member account (for its own organisation only) or a consultancy admin; never a coach."""
