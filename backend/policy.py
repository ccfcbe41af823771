"""The one place that decides what a principal may see and do."""

from __future__ import annotations

from enum import Enum
from uuid import UUID

from backend.auth.principal import Principal
from domain.shared.errors import Forbidden, NotFound
from domain.tenancy.account import Role
from projections.queries import ReadQueries, Scope

ADMIN, COACH, MEMBER = Role.CONSULTANCY_ADMIN, Role.COACH, Role.MEMBER


class Action(Enum):
    REGISTER_ORGANISATION = ("register organisations", {ADMIN})
    FORM_CLUSTER = ("form clusters", {ADMIN})
    CHANGE_SETTINGS = ("change the consultancy's settings", {ADMIN})
    RAISE_COACHING_CEILING = ("raise a coaching ceiling", {ADMIN})
    ADMIT_ORGANISATION = ("admit organisations", {ADMIN, COACH})
    WITHDRAW_MEMBER = ("record a withdrawal", {ADMIN, COACH})
    PLAN_CLUSTER = ("plan the cluster", {ADMIN, COACH})
    RUN_SESSIONS = ("hold, move or cancel sessions", {ADMIN, COACH})
    START_OR_CLOSE_CLUSTER = ("start or close clusters", {ADMIN, COACH})
    LOG_COACHING = ("log coaching", {ADMIN, COACH})
    ASSESS_GAP = ("record gap analyses", {ADMIN, COACH})
    RECORD_OUTCOME = ("record outcomes", {ADMIN, COACH})
    HIDE_FEEDBACK = ("hide feedback", {ADMIN, COACH})
    DECLARE_UNAVAILABILITY = ("declare unavailability", {ADMIN, COACH, MEMBER})
    SHARE_FEEDBACK = ("share feedback", {MEMBER})
    WITHDRAW_FEEDBACK = ("withdraw feedback", {MEMBER})

    @property
    def description(self) -> str:
        return self.value[0]

    @property
    def roles(self) -> set[Role]:
        return self.value[1]


def scope_for(principal: Principal) -> Scope:
    """Admins see their whole consultancy; a coach the clusters they lead; a member its own organisation's part."""
    if principal.has_role(ADMIN):
        return Scope(principal.tenant_id)
    if principal.has_role(COACH):
        return Scope(principal.tenant_id, coach_id=principal.account_id)
    return Scope(principal.tenant_id, organisation_id=principal.organisation_id)


def authorize(principal: Principal, action: Action) -> None:
    if not principal.roles & action.roles:
        raise Forbidden(f"You may not {action.description}.")


def authorize_on_cluster(principal: Principal, action: Action, queries: ReadQueries, cluster_id: UUID) -> None:
    """Allowed only on a cluster the principal can see; one it cannot see does not exist for it."""
    authorize(principal, action)
    if queries.cluster(scope_for(principal), cluster_id) is None:
        raise NotFound("No cluster with this id.", "cluster_id")


def authorize_for_organisation(
    principal: Principal, action: Action, queries: ReadQueries, cluster_id: UUID, organisation_id: UUID
) -> None:
    """As `authorize_on_cluster`; a member acts only for its own organisation."""
    authorize_on_cluster(principal, action, queries, cluster_id)
    if principal.has_role(MEMBER) and principal.organisation_id != organisation_id:
        raise Forbidden("You act for your own organisation only.")


def authorize_coach_attribution(principal: Principal, coach_id: UUID) -> None:
    """A coach logs coaching in their own name; only an admin records it for another coach."""
    if coach_id != principal.account_id and not principal.has_role(ADMIN):
        raise Forbidden("You log coaching in your own name; a consultancy admin can record it for another coach.")


def acting_organisation(principal: Principal) -> UUID:
    """The organisation a member acts for."""
    if principal.organisation_id is None:
        raise Forbidden("Only someone of a member organisation can do this.")
    return principal.organisation_id
