"""The application service: one method per command. Load (tenant-checked), call the aggregate, save."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import IntegrityError, JSONTranscoder

from domain.programme.cluster import Cluster
from domain.programme.commands import (
    AdmitOrganisation,
    FormCluster,
    LogCoachingHalfDay,
    RegisterOrganisation,
    StartCluster,
)
from domain.programme.organisation import Organisation
from domain.shared.aggregate import DateAsISO, TenantAggregate
from domain.shared.errors import Conflict, NotFound, ValidationFailed
from domain.tenancy.account import Account, Role
from domain.tenancy.commands import CreateConsultancy, OpenAccount, SetLargeClustersAllowed
from domain.tenancy.consultancy import Consultancy

A = TypeVar("A", bound=TenantAggregate)


@dataclass(frozen=True)
class Saved:
    """What a command wrote: the aggregate it concerns and the position of its last event in the log."""

    aggregate_id: UUID
    position: int


class Cordee(Application[UUID]):
    """Every command of the product. The event store is chosen by the environment given at construction."""

    name = "cordee"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    # Tenancy

    def create_consultancy(self, cmd: CreateConsultancy) -> Saved:
        consultancy = Consultancy.create(cmd.actor_id, cmd.name, cmd.slug)
        return self._save_new(consultancy, "slug", "A consultancy with this short name already exists.")

    def open_account(self, cmd: OpenAccount) -> Saved:
        self._get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
        account = Account.open(
            cmd.tenant_id, cmd.actor_id, cmd.email, cmd.display_name, cmd.password_hash, list(cmd.roles)
        )
        return self._save_new(account, "email", "An account with this e-mail address already exists.")

    def set_large_clusters_allowed(self, cmd: SetLargeClustersAllowed) -> Saved:
        consultancy = self._get(Consultancy, cmd.tenant_id, cmd.tenant_id, "tenant_id")
        consultancy.set_large_clusters_allowed(cmd.actor_id, cmd.allowed)
        return self._save(consultancy)

    # Programme

    def register_organisation(self, cmd: RegisterOrganisation) -> Saved:
        organisation = Organisation.register(cmd.tenant_id, cmd.actor_id, cmd.name, cmd.sector, cmd.employee_count)
        return self._save_new(organisation, "name", "An organisation with this name is already registered.")

    def form_cluster(self, cmd: FormCluster) -> Saved:
        self._get_coach(cmd.tenant_id, cmd.coach_id, "coach_id")
        cluster = Cluster.form(cmd.tenant_id, cmd.actor_id, cmd.name, cmd.coach_id, cmd.planned_start, cmd.planned_end)
        return self._save_new(cluster, "name", "A cluster with this name already exists.")

    def admit_organisation(self, cmd: AdmitOrganisation) -> Saved:
        cluster = self._get(Cluster, cmd.tenant_id, cmd.cluster_id, "cluster_id")
        self._get(Organisation, cmd.tenant_id, cmd.organisation_id, "organisation_id")
        cluster.admit(cmd.actor_id, cmd.organisation_id, cmd.criteria, self._cluster_size_limit(cmd.tenant_id))
        return self._save(cluster)

    def start_cluster(self, cmd: StartCluster) -> Saved:
        cluster = self._get(Cluster, cmd.tenant_id, cmd.cluster_id, "cluster_id")
        cluster.start(cmd.actor_id, cmd.started_on, self._cluster_size_limit(cmd.tenant_id))
        return self._save(cluster)

    def log_coaching_half_day(self, cmd: LogCoachingHalfDay) -> Saved:
        cluster = self._get(Cluster, cmd.tenant_id, cmd.cluster_id, "cluster_id")
        self._get_coach(cmd.tenant_id, cmd.coach_id, "coach_id")
        cluster.log_coaching_half_day(
            cmd.actor_id, cmd.organisation_id, cmd.held_on, cmd.coach_id, cmd.topic, cmd.notes
        )
        return self._save(cluster)

    # Loading and saving

    def get(self, kind: type[A], tenant_id: UUID, aggregate_id: UUID, field: str = "id") -> A:
        """The aggregate if it exists in this tenant; otherwise NotFound, whether missing or foreign."""
        return self._get(kind, tenant_id, aggregate_id, field)

    def _get(self, kind: type[A], tenant_id: UUID, aggregate_id: UUID, field: str) -> A:
        try:
            aggregate: Any = self.repository.get(aggregate_id)
        except AggregateNotFoundError:
            aggregate = None
        if not isinstance(aggregate, kind) or aggregate.tenant_id != tenant_id:
            raise NotFound(f"No {kind.__name__.lower()} with this id.", field)
        return aggregate

    def _get_coach(self, tenant_id: UUID, coach_id: UUID, field: str) -> Account:
        coach = self._get(Account, tenant_id, coach_id, field)
        if not coach.has_role(Role.COACH):
            raise ValidationFailed(field, f"{coach.display_name} is not a coach.")
        return coach

    def _cluster_size_limit(self, tenant_id: UUID) -> int | None:
        return self._get(Consultancy, tenant_id, tenant_id, "tenant_id").cluster_size_limit

    def _save_new(self, aggregate: TenantAggregate, field: str, message: str) -> Saved:
        return self._save(aggregate, on_conflict=lambda: Conflict(message, field))

    def _save(self, aggregate: TenantAggregate, on_conflict: Callable[[], Conflict] | None = None) -> Saved:
        try:
            recordings = self.save(aggregate)
        except IntegrityError:
            if on_conflict is not None:
                raise on_conflict() from None
            raise Conflict("Someone else changed this at the same moment. Reload and try again.") from None
        position = max((r.notification.id for r in recordings), default=0)
        return Saved(aggregate.id, position)
