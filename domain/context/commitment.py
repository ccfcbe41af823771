"""Top management's commitment to the ISMS (5.1), recorded with its evidence and the day it was given. It is also the
cluster's admission criterion "management commitment": a record may name the cluster whose admission evidence it
answers, which is then shown beside it, never copied. One per organisation; each record is a version."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.context.owned import OrganisationOwned
from domain.shared.aggregate import tenant_scoped_id
from domain.shared.calendar import past_date
from domain.shared.text import REASON_MAX_LENGTH, multi_line

COMMITMENT_EVIDENCE_MAX_LENGTH = 4000


def commitment_id(tenant_id: UUID, organisation_id: UUID) -> UUID:
    return tenant_scoped_id(tenant_id, "management-commitment", str(organisation_id))


class ManagementCommitment(OrganisationOwned):
    @classmethod
    def record(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        organisation_id: UUID,
        evidence: str,
        committed_on: date,
        admission_cluster_id: UUID | None,
    ) -> ManagementCommitment:
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            organisation_id=organisation_id,
            evidence=multi_line("evidence", evidence, COMMITMENT_EVIDENCE_MAX_LENGTH),
            committed_on=past_date("committed_on", committed_on),
            admission_cluster_id=admission_cluster_id,
        )

    @staticmethod
    def create_id(tenant_id: UUID, organisation_id: UUID, **_: object) -> UUID:
        return commitment_id(tenant_id, organisation_id)

    @event("Recorded")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        organisation_id: UUID,
        evidence: str,
        committed_on: date,
        admission_cluster_id: UUID | None,
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.commitment_version = 1

    def renew(
        self, actor_id: UUID, evidence: str, committed_on: date, admission_cluster_id: UUID | None, reason: str
    ) -> None:
        """A newer commitment (a new management, a renewed letter), saying why; earlier ones are kept."""
        self._renewed(
            actor_id,
            self.commitment_version + 1,
            multi_line("evidence", evidence, COMMITMENT_EVIDENCE_MAX_LENGTH),
            past_date("committed_on", committed_on),
            admission_cluster_id,
            multi_line("reason", reason, REASON_MAX_LENGTH),
        )

    @event("Renewed")
    def _renewed(
        self,
        actor_id: UUID,
        commitment_version: int,
        evidence: str,
        committed_on: date,
        admission_cluster_id: UUID | None,
        reason: str,
    ) -> None:
        self.commitment_version = commitment_version
