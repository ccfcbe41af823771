"""What may be done with an organisation's incidents and service levels, and by whom (the policy decides:
`backend/policy.py`). An organisation's member accounts keep its incidents and agree its service levels; its coach
and the consultancy's admins read them."""

from __future__ import annotations

from backend.policy import Action

AGREE_SERVICE_LEVELS = Action(
    "incidents.agree_service_levels", "agree service levels", for_own_organisation="organisation_id"
)
REPORT_INCIDENT = Action("incidents.report_incident", "report incidents", for_own_organisation="organisation_id")
HANDLE_INCIDENT = Action("incidents.handle_incident", "handle incidents", for_own_organisation="organisation_id")
"""Acknowledge, escalate, restore and link."""
CLOSE_INCIDENT = Action("incidents.close_incident", "close incidents", for_own_organisation="organisation_id")
RAISE_NONCONFORMITY_FROM_INCIDENT = Action(
    "incidents.raise_nonconformity_from_incident", "raise nonconformities from incidents' lessons"
)
"""Whoever raises the organisation's nonconformities (its member accounts, its cluster's coach, the consultancy's
admins) opens one from a closed incident's lessons, as the finding of an audit does."""
MANAGE_MONITORING_TOKENS = Action(
    "incidents.manage_monitoring_tokens", "issue or revoke monitoring tokens", approves=True
)
"""The organisation's member account (for its own organisation only) or a consultancy admin; never a coach."""
