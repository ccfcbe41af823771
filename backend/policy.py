"""The one place that decides what a principal may see and do."""

from __future__ import annotations

from enum import Enum
from uuid import UUID

from backend.auth.principal import Principal
from domain.shared.errors import Forbidden, NotFound
from domain.tenancy.account import Role
from projections.queries import ReadQueries, Scope


class Action(Enum):
    REGISTER_ORGANISATION = "register organisations"
    FORM_CLUSTER = "form clusters"
    CHANGE_SETTINGS = "change the consultancy's settings"
    ADMIT_ORGANISATION = "admit organisations"
    START_CLUSTER = "start clusters"
    LOG_COACHING = "log coaching"


_ADMIN_ONLY = {Action.REGISTER_ORGANISATION, Action.FORM_CLUSTER, Action.CHANGE_SETTINGS}
"""Actions on a cluster not listed here are open to an admin and to the cluster's own coach."""


def scope_for(principal: Principal) -> Scope:
    """Admins see their whole consultancy; a coach sees the clusters they lead and those clusters' members."""
    if principal.has_role(Role.CONSULTANCY_ADMIN):
        return Scope(principal.tenant_id)
    return Scope(principal.tenant_id, coach_id=principal.account_id)


def authorize(principal: Principal, action: Action) -> None:
    if action in _ADMIN_ONLY and not principal.has_role(Role.CONSULTANCY_ADMIN):
        raise Forbidden(f"Only a consultancy admin may {action.value}.")
    if not principal.roles & {Role.CONSULTANCY_ADMIN, Role.COACH}:
        raise Forbidden(f"You may not {action.value}.")


def authorize_on_cluster(principal: Principal, action: Action, queries: ReadQueries, cluster_id: UUID) -> None:
    """Allowed only on a cluster the principal can see; one it cannot see does not exist for it."""
    authorize(principal, action)
    if queries.cluster(scope_for(principal), cluster_id) is None:
        raise NotFound("No cluster with this id.", "cluster_id")
