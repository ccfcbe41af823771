"""An organisation's service levels: per severity, the minutes allowed for reaction, escalation and recovery. Every
change is a new version; an incident keeps the targets in force when it was reported."""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from eventsourcing.domain import event

from domain.incidents.rules import SEVERITIES, TARGETS, Targets, targets_problem
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import ValidationFailed
from domain.shared.text import REASON_MAX_LENGTH, multi_line


def service_levels_id(tenant_id: UUID, organisation_id: UUID) -> UUID:
    return tenant_scoped_id(tenant_id, "service_levels", str(organisation_id))


def checked_targets(given: Mapping[str, Mapping[str, int]]) -> dict[str, Targets]:
    """The table of targets, every rule checked; the field named is `<severity>.<target>`."""
    unknown = sorted(set(given) - set(SEVERITIES))
    if unknown:
        raise ValidationFailed(f"{unknown[0]}.reaction", f"Choose severities among: {', '.join(SEVERITIES)}.")
    targets: dict[str, Targets] = {}
    for severity, minutes in given.items():
        missing = [t for t in TARGETS if t not in minutes]
        if missing:
            raise ValidationFailed(f"{severity}.{missing[0]}", "This field is required.")
        targets[severity] = Targets(int(minutes["reaction"]), int(minutes["escalation"]), int(minutes["recovery"]))
    problem = targets_problem(targets)
    if problem is not None:
        raise ValidationFailed(*problem)
    return targets


def as_table(targets: Mapping[str, Targets]) -> dict[str, dict[str, int]]:
    return {s: {t: targets[s].minutes(t) for t in TARGETS} for s in SEVERITIES}


class ServiceLevels(TenantAggregate):
    """The organisation's service levels, versioned from 1."""

    @classmethod
    def agree(
        cls, tenant_id: UUID, actor_id: UUID, organisation_id: UUID, targets: Mapping[str, Targets]
    ) -> ServiceLevels:
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            organisation_id=organisation_id,
            targets=as_table(targets),
        )

    @staticmethod
    def create_id(tenant_id: UUID, organisation_id: UUID, **_: object) -> UUID:
        return service_levels_id(tenant_id, organisation_id)

    @event("Agreed")
    def __init__(
        self, tenant_id: UUID, actor_id: UUID, organisation_id: UUID, targets: dict[str, dict[str, int]]
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.targets = _from_table(targets)
        self.number = 1

    def revise(self, actor_id: UUID, targets: Mapping[str, Targets], reason: str | None) -> None:
        """A new version of the targets; incidents already reported keep theirs."""
        if dict(targets) == self.targets:
            raise ValidationFailed("critical.reaction", "These are already the targets.")
        cleaned = multi_line("reason", reason, REASON_MAX_LENGTH, required=False) or None
        self._revised(actor_id, self.organisation_id, as_table(targets), self.number + 1, cleaned)

    @event("Revised")
    def _revised(
        self,
        actor_id: UUID,
        organisation_id: UUID,
        targets: dict[str, dict[str, int]],
        number: int,
        reason: str | None,
    ) -> None:
        self.targets = _from_table(targets)
        self.number = number


def _from_table(table: Mapping[str, Mapping[str, int]]) -> dict[str, Targets]:
    return {s: Targets(m["reaction"], m["escalation"], m["recovery"]) for s, m in table.items()}
