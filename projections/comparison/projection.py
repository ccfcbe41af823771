"""Who contributes to each cluster's comparison, and the cohort rule applied whenever that or k changes.

A pure function of the events and this projection's own rows: the cluster's admissions and withdrawals, the
consents, the consultancy's k. Whenever one of them changes a cluster's contributors or k, the rule of
`domain/comparison/rules.py` decides whether the contributors become the published cohort.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import bindparam, insert, select

from domain.clusters.cluster import Cluster
from domain.comparison.consent import ComparisonConsent
from domain.comparison.rules import DEFAULT_THRESHOLD, next_published
from domain.tenancy.consultancy import Consultancy
from projections.core.projection import Projection
from projections.core.statements import keyed, keyed_update
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class ComparisonProjection(Projection):
    name = "comparison"
    handles = {
        (Consultancy, "Created"): "consultancy_created",
        (Consultancy, "ComparisonThresholdSet"): "threshold_set",
        (Cluster, "Formed"): "cluster_formed",
        (Cluster, "OrganisationAdmitted"): "organisation_admitted",
        (Cluster, "MemberWithdrew"): "member_withdrew",
        (ComparisonConsent, "Given"): "consent_given",
        (ComparisonConsent, "GivenAgain"): "consent_given",
        (ComparisonConsent, "Withdrawn"): "consent_withdrawn",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        participants, cohorts, thresholds = (
            tables.comparison_participants,
            tables.comparison_cohorts,
            tables.comparison_thresholds,
        )
        self._insert_threshold = insert(thresholds)
        self._set_threshold = keyed_update(thresholds, "t", threshold=bindparam("k"))
        self._threshold = select(thresholds.c.threshold).where(*keyed(thresholds, "t"))
        self._insert_cohort = insert(cohorts)
        self._cohort = select(cohorts.c.published).where(*keyed(cohorts, "tc"))
        self._clusters = select(cohorts.c.cluster_id).where(*keyed(cohorts, "t")).order_by(cohorts.c.cluster_id)
        self._set_cohort = keyed_update(
            cohorts, "tc", contributors=bindparam("now"), published=bindparam("pub"), threshold=bindparam("k")
        )
        self._insert_participant = insert(participants)
        self._participant = select(participants.c.organisation_id).where(*keyed(participants, "tco"))
        self._set_member = keyed_update(participants, "tco", member=bindparam("m"))
        self._set_consenting = keyed_update(participants, "tco", consenting=bindparam("yes"))
        self._contributors = select(participants.c.organisation_id).where(
            *keyed(participants, "tc"), participants.c.member.is_(True), participants.c.consenting.is_(True)
        )

    def consultancy_created(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._insert_threshold, {"tenant_id": event.tenant_id, "threshold": DEFAULT_THRESHOLD})

    def threshold_set(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._set_threshold, {"t": event.tenant_id, "k": event.k})
        for row in writer.read(self._clusters, {"t": event.tenant_id}).all():
            self._apply_rule(writer, event.tenant_id, row.cluster_id)

    def cluster_formed(self, writer: GroupedWriter, event: Any) -> None:
        k = self._k(writer, event.tenant_id)
        writer.write(
            self._insert_cohort,
            {
                "tenant_id": event.tenant_id,
                "cluster_id": event.originator_id,
                "contributors": [],
                "published": [],
                "threshold": k,
            },
        )

    def organisation_admitted(self, writer: GroupedWriter, event: Any) -> None:
        keys = {"t": event.tenant_id, "c": event.originator_id, "o": event.organisation_id}
        if writer.read(self._participant, keys).first() is None:
            row = {
                "tenant_id": event.tenant_id,
                "cluster_id": event.originator_id,
                "organisation_id": event.organisation_id,
                "member": True,
                "consenting": False,
            }
            writer.write(self._insert_participant, row)
        else:
            writer.write(self._set_member, {**keys, "m": True})
        self._apply_rule(writer, event.tenant_id, event.originator_id)

    def member_withdrew(self, writer: GroupedWriter, event: Any) -> None:
        keys = {"t": event.tenant_id, "c": event.originator_id, "o": event.organisation_id}
        writer.write(self._set_member, {**keys, "m": False})
        self._apply_rule(writer, event.tenant_id, event.originator_id)

    def consent_given(self, writer: GroupedWriter, event: Any) -> None:
        self._consent(writer, event, consenting=True)

    def consent_withdrawn(self, writer: GroupedWriter, event: Any) -> None:
        self._consent(writer, event, consenting=False)

    def _consent(self, writer: GroupedWriter, event: Any, consenting: bool) -> None:
        """The member's row was written when it was admitted: only a current member consents."""
        keys = {"t": event.tenant_id, "c": event.cluster_id, "o": event.organisation_id}
        writer.write(self._set_consenting, {**keys, "yes": consenting})
        self._apply_rule(writer, event.tenant_id, event.cluster_id)

    def _apply_rule(self, writer: GroupedWriter, tenant_id: UUID, cluster_id: UUID) -> None:
        k = self._k(writer, tenant_id)
        contributors = {
            row.organisation_id for row in writer.read(self._contributors, {"t": tenant_id, "c": cluster_id})
        }
        found = writer.read(self._cohort, {"t": tenant_id, "c": cluster_id}).first()
        published = {UUID(value) for value in found.published} if found is not None else set()
        cohort = next_published(contributors, published, k)
        writer.write(
            self._set_cohort,
            {"t": tenant_id, "c": cluster_id, "now": _ids(contributors), "pub": _ids(cohort), "k": k},
        )

    def _k(self, writer: GroupedWriter, tenant_id: UUID) -> int:
        found = writer.read(self._threshold, {"t": tenant_id}).first()
        return DEFAULT_THRESHOLD if found is None else int(found.threshold)


def _ids(organisations: set[UUID] | frozenset[UUID]) -> list[str]:
    return sorted(str(organisation) for organisation in organisations)
