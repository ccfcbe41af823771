"""The application: every command of the product, composed from the features' command services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_type_hints
from uuid import UUID

from domain.assessment.handlers import HANDLERS as ASSESSMENT_HANDLERS
from domain.clusters.cluster import Cluster
from domain.clusters.rules import is_active_member
from domain.engagement.engagement import CarriedState, ClusterFacts, Engagement, engagement_id
from domain.engagement.handlers import HANDLERS as ENGAGEMENT_HANDLERS
from domain.engagement.outcome import Outcome
from domain.feedback.handlers import HANDLERS as FEEDBACK_HANDLERS
from domain.legacy_topics import register_legacy_topics
from domain.organisations.handlers import HANDLERS as ORGANISATIONS_HANDLERS
from domain.organisations.organisation import Organisation
from domain.programme.service import ProgrammeCommands
from domain.programme_template.template import ProgrammeTemplate
from domain.shared.errors import ValidationFailed
from domain.shared.service import CommandService, Saved
from domain.tenancy.account import Account, Role
from domain.tenancy.consultancy import Consultancy
from domain.tenancy.handlers import HANDLERS as TENANCY_HANDLERS
from domain.tenancy.service import TenancyCommands

__all__ = ["Cordee", "Saved"]

register_legacy_topics()


class Cordee(TenancyCommands, ProgrammeCommands):
    """The event store is chosen by the environment given at construction."""

    def handle(self, cmd: object) -> Saved:
        """Runs the command by its type: the one entry of every command."""
        handler = HANDLERS.get(type(cmd))
        if handler is None:
            raise TypeError(f"No handler for {type(cmd).__name__}.")
        return handler(self, cmd)

    def _check_coach(self, tenant_id: UUID, coach_id: UUID, field: str) -> None:
        self.check_coach(tenant_id, coach_id, field)

    def check_coach(self, tenant_id: UUID, coach_id: UUID, field: str) -> None:
        coach = self.get(Account, tenant_id, coach_id, field)
        if not coach.has_role(Role.COACH):
            raise ValidationFailed(field, "This account is not a coach.")

    def _cluster_size_limit(self, tenant_id: UUID) -> int | None:
        return self.get(Consultancy, tenant_id, tenant_id, "tenant_id").cluster_size_limit

    def _current_template(self, tenant_id: UUID) -> ProgrammeTemplate:
        return self.get(Consultancy, tenant_id, tenant_id, "tenant_id").template

    def engagement_facts(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> ClusterFacts:
        cluster = self._cluster(tenant_id, cluster_id)
        member = cluster.members.get(organisation_id)
        if member is None:
            raise ValidationFailed("organisation_id", "This organisation is not a member of the cluster.")
        template = cluster.template
        return ClusterFacts(
            status=cluster.status,
            started_on=cluster.started_on,
            member_active=is_active_member(member.withdrawn),
            base_ceiling=template.coaching_ceiling_half_days if template else 0,
            module_count=len(template.modules) if template else 0,
        )

    def carried_engagement(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> CarriedState:
        cluster = self._cluster(tenant_id, cluster_id)
        member = cluster.members[organisation_id]
        return CarriedState(
            half_days_used=member.coaching_half_days_used,
            half_days_granted=member.coaching_half_days_granted,
            outcome=member.outcome,
            isms_established_on=member.isms_established_on,
            audit_planned_on=member.audit_planned_on,
        )

    def engagement(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> Engagement | None:
        """The member's engagement, or None until its first command (see `domain/engagement/engagement.py`)."""
        found = engagement_id(tenant_id, cluster_id, organisation_id)
        return self.get(Engagement, tenant_id, found) if self.exists(Engagement, tenant_id, found) else None

    def _engagement_outcome(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> Outcome | None:
        member = self.engagement(tenant_id, cluster_id, organisation_id)
        return member.outcome if member else None

    def _check_slot_not_coached(self, cluster: Cluster, session_key: str) -> None:
        """A member's coaching slot is held once coaching is logged for its module (in the member's engagement)."""
        session = cluster.sessions.get(session_key)
        if session is None or session.kind != "coaching" or session.organisation_id is None:
            return
        member = self.engagement(cluster.tenant_id, cluster.id, session.organisation_id)
        if member is not None and session.module_number in member.coached_modules:
            raise ValidationFailed("session_key", "This session is already held.")

    def check_organisation(self, tenant_id: UUID, organisation_id: UUID) -> None:
        self.get(Organisation, tenant_id, organisation_id, "organisation_id")


def _handlers(application: type[CommandService]) -> dict[type, Callable[[Any, Any], Saved]]:
    """Each public method taking one command, by the command's type."""
    handlers: dict[type, Callable[[Any, Any], Saved]] = {}
    for name in dir(application):
        method = getattr(application, name)
        if name.startswith("_") or not callable(method) or name == "handle":
            continue
        hints = get_type_hints(method) if hasattr(method, "__annotations__") else {}
        if hints.get("return") is Saved and "cmd" in hints:
            handlers[hints["cmd"]] = method
    return handlers


HANDLERS = {
    **_handlers(Cordee),
    **TENANCY_HANDLERS,
    **ORGANISATIONS_HANDLERS,
    **FEEDBACK_HANDLERS,
    **ASSESSMENT_HANDLERS,
    **ENGAGEMENT_HANDLERS,
}
"""The registries of tenancy, organisations, feedback and assessment are explicit; the other programme
commands are still found from the methods that take one command."""
