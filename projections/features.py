"""The features of the read side, in one list: each contributes its tables, its projections and its queries.

Adding a feature is a new folder (`tables.py`, `projection.py`, `queries.py`, `rows.py`) and one edit here: its
line in `FEATURES` and its typed attribute of `ReadQueries`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import select

from projections.assessment.projection import AssessmentProjection
from projections.assessment.queries import AssessmentQueries
from projections.assessment.tables import define_tables as assessment_tables
from projections.assets.projection import AssetProjection
from projections.assets.queries import AssetQueries
from projections.assets.tables import define_tables as asset_tables
from projections.audits.projection import AuditProjection
from projections.audits.queries import AuditQueries
from projections.audits.tables import define_tables as audit_tables
from projections.catalogues.projection import CatalogueProjection
from projections.catalogues.queries import CatalogueQueries
from projections.catalogues.tables import define_tables as catalogue_tables
from projections.changes.projection import ChangeProjection
from projections.changes.queries import ChangeQueries
from projections.changes.tables import define_tables as change_tables
from projections.clusters.history_projection import SessionHistoryProjection
from projections.clusters.plan_projection import PlanningProjection
from projections.clusters.projection import ProgrammeProjection
from projections.clusters.queries import ClusterQueries
from projections.clusters.tables import define_tables as cluster_tables
from projections.comparison.projection import ComparisonProjection
from projections.comparison.queries import ComparisonQueries
from projections.comparison.tables import define_tables as comparison_tables
from projections.competence.projection import CompetenceProjection
from projections.competence.queries import CompetenceQueries
from projections.competence.tables import define_tables as competence_tables
from projections.context.projection import ContextProjection
from projections.context.queries import ContextQueries
from projections.context.tables import define_tables as context_tables
from projections.core.projection import Projection
from projections.core.reading import FeatureQueries, Reader
from projections.core.scope import Scope
from projections.core.store import ReadStore
from projections.core.tables import ReadTables, TableDefiner, TableFactory, compose_read_tables
from projections.credentials.projection import CredentialProjection
from projections.credentials.queries import CredentialQueries
from projections.credentials.tables import define_tables as credential_tables
from projections.documents.projection import DocumentProjection
from projections.documents.queries import DocumentQueries
from projections.documents.tables import define_tables as document_tables
from projections.effort.projection import EffortProjection
from projections.effort.queries import EffortQueries
from projections.effort.tables import define_tables as effort_tables
from projections.engagement.queries import EngagementQueries
from projections.engagement.tables import define_tables as engagement_tables
from projections.evidence.projection import EvidenceProjection
from projections.evidence.queries import EvidenceQueries
from projections.evidence.tables import define_tables as evidence_tables
from projections.feedback.projection import FeedbackProjection
from projections.feedback.queries import FeedbackQueries
from projections.feedback.tables import define_tables as feedback_tables
from projections.incidents.projection import IncidentProjection
from projections.incidents.queries import IncidentQueries
from projections.incidents.tables import define_tables as incident_tables
from projections.itil.projection import ItilProjection
from projections.itil.queries import ItilQueries
from projections.itil.tables import define_tables as itil_tables
from projections.labels.missions import MissionProjection, MissionQueries
from projections.labels.missions import define_tables as mission_tables
from projections.labels.projection import ProfessionalLinkProjection
from projections.labels.queries import ProfessionalLinkQueries
from projections.labels.tables import define_tables as label_tables
from projections.labels.track_queries import LabelTrackQueries
from projections.labels.track_tables import define_tables as label_track_tables
from projections.labels.tracks import LabelTrackProjection
from projections.library.projection import LibraryProjection
from projections.library.queries import LibraryQueries
from projections.library.tables import define_tables as library_tables
from projections.metrics.projection import MetricProjection
from projections.metrics.queries import MetricQueries
from projections.metrics.tables import define_tables as metric_tables
from projections.nonconformities.projection import NonconformityProjection
from projections.nonconformities.queries import NonconformityQueries
from projections.nonconformities.tables import define_tables as nonconformity_tables
from projections.organisations.queries import OrganisationQueries
from projections.organisations.tables import define_tables as organisation_tables
from projections.readiness.queries import ReadinessQueries
from projections.reviews.projection import ReviewProjection
from projections.reviews.queries import ReviewQueries
from projections.reviews.tables import define_tables as review_tables
from projections.risks.projection import RiskProjection
from projections.risks.queries import RiskQueries
from projections.risks.tables import define_tables as risk_tables
from projections.soa.projection import StatementProjection
from projections.soa.queries import StatementQueries
from projections.soa.tables import define_tables as soa_tables
from projections.tenancy.projection import TenancyProjection
from projections.tenancy.queries import TenancyQueries
from projections.tenancy.tables import define_tables as tenancy_tables
from projections.trail.projection import AuditTrailProjection
from projections.trail.queries import TrailQueries
from projections.trail.tables import define_tables as trail_tables


@dataclass(frozen=True)
class Feature:
    name: str
    """The attribute of `ReadQueries` that holds the feature's query object."""
    tables: TableDefiner | None
    projections: tuple[type[Projection], ...]
    queries: type[FeatureQueries]


FEATURES: tuple[Feature, ...] = (
    Feature("tenancy", tenancy_tables, (TenancyProjection,), TenancyQueries),
    Feature("organisations", organisation_tables, (), OrganisationQueries),
    Feature(
        "clusters", cluster_tables, (ProgrammeProjection, PlanningProjection, SessionHistoryProjection), ClusterQueries
    ),
    Feature("engagement", engagement_tables, (), EngagementQueries),
    Feature("assessment", assessment_tables, (AssessmentProjection,), AssessmentQueries),
    Feature("feedback", feedback_tables, (FeedbackProjection,), FeedbackQueries),
    Feature("effort", effort_tables, (EffortProjection,), EffortQueries),
    Feature("documents", document_tables, (DocumentProjection,), DocumentQueries),
    Feature("context", context_tables, (ContextProjection,), ContextQueries),
    Feature("assets", asset_tables, (AssetProjection,), AssetQueries),
    Feature("soa", soa_tables, (StatementProjection,), StatementQueries),
    Feature("itil", itil_tables, (ItilProjection,), ItilQueries),
    Feature("risks", risk_tables, (RiskProjection,), RiskQueries),
    Feature("changes", change_tables, (ChangeProjection,), ChangeQueries),
    Feature("incidents", incident_tables, (IncidentProjection,), IncidentQueries),
    Feature("reviews", review_tables, (ReviewProjection,), ReviewQueries),
    Feature("catalogues", catalogue_tables, (CatalogueProjection,), CatalogueQueries),
    Feature("library", library_tables, (LibraryProjection,), LibraryQueries),
    Feature("audits", audit_tables, (AuditProjection,), AuditQueries),
    Feature("nonconformities", nonconformity_tables, (NonconformityProjection,), NonconformityQueries),
    Feature("competence", competence_tables, (CompetenceProjection,), CompetenceQueries),
    Feature("readiness", None, (), ReadinessQueries),
    Feature("metrics", metric_tables, (MetricProjection,), MetricQueries),
    Feature("evidence", evidence_tables, (EvidenceProjection,), EvidenceQueries),
    Feature("comparison", comparison_tables, (ComparisonProjection,), ComparisonQueries),
    Feature("labels", label_tables, (ProfessionalLinkProjection,), ProfessionalLinkQueries),
    Feature("trail", trail_tables, (AuditTrailProjection,), TrailQueries),
    Feature("credentials", credential_tables, (CredentialProjection,), CredentialQueries),
    Feature("label_tracks", label_track_tables, (LabelTrackProjection,), LabelTrackQueries),
    Feature("missions", mission_tables, (MissionProjection,), MissionQueries),
)
"""The order of the projections is the order they see an event in."""


@functools.cache
def define_read_tables(prefix: str = "") -> ReadTables:
    """Every feature's tables (and the operational ones), under the prefix: defined once per process and prefix,
    since a table's definition is fixed by the code and no store changes it (each binds its own engine)."""
    return compose_read_tables((f.tables for f in FEATURES if f.tables is not None), prefix)


COMPARED_REGISTERS = (
    "context",
    "documents",
    "assets",
    "risks",
    "soa",
    "changes",
    "incidents",
    "audits",
    "nonconformities",
    "reviews",
    "competence",
    "metrics",
    "itil",
)
"""The registers whose state at two moments can be compared, each named after its feature."""

NOT_COMPARED = frozenset({"monitoring_tokens"})
"""Tables of a register that comparing never shows: secrets (a monitoring token's hash)."""


@functools.cache
def register_tables(register: str) -> tuple[str, ...]:
    """The read tables that hold an organisation's part of a register: its tables with an `organisation_id`, less
    its change logs (`…_history`: comparing shows what changed field by field instead) and its secrets."""
    feature = next((f for f in FEATURES if f.name == register and register in COMPARED_REGISTERS), None)
    if feature is None or feature.tables is None:
        return ()
    factory = TableFactory()
    feature.tables(factory)
    return tuple(
        name
        for name, table in factory.defined.items()
        if "organisation_id" in table.c and not name.endswith("_history") and name not in NOT_COMPARED
    )


def build_projections(tables: ReadTables) -> list[Projection]:
    return [projection(tables) for feature in FEATURES for projection in feature.projections]


class ReadQueries:
    """All the reads, one attribute per feature (`queries.clusters.members(scope, cluster_id)`)."""

    tenancy: TenancyQueries
    organisations: OrganisationQueries
    clusters: ClusterQueries
    engagement: EngagementQueries
    assessment: AssessmentQueries
    feedback: FeedbackQueries
    effort: EffortQueries
    documents: DocumentQueries
    context: ContextQueries
    assets: AssetQueries
    soa: StatementQueries
    itil: ItilQueries
    risks: RiskQueries
    changes: ChangeQueries
    incidents: IncidentQueries
    reviews: ReviewQueries
    catalogues: CatalogueQueries
    library: LibraryQueries
    audits: AuditQueries
    nonconformities: NonconformityQueries
    competence: CompetenceQueries
    readiness: ReadinessQueries
    metrics: MetricQueries
    evidence: EvidenceQueries
    comparison: ComparisonQueries
    labels: ProfessionalLinkQueries
    trail: TrailQueries
    credentials: CredentialQueries
    label_tracks: LabelTrackQueries
    missions: MissionQueries

    def __init__(self, store: ReadStore) -> None:
        self.reader = Reader(store)
        for feature in FEATURES:
            setattr(self, feature.name, feature.queries(self.reader))

    @contextmanager
    def one_transaction(self, tenant_id: UUID | None = None) -> Iterator[None]:
        """Reads inside share one read transaction (see `Reader.one_transaction`)."""
        with self.reader.one_transaction(tenant_id):
            yield

    @contextmanager
    def for_tenant(self, tenant_id: UUID) -> Iterator[None]:
        """Each read inside is a transaction of this tenant's alone (see `Reader.for_tenant`)."""
        with self.reader.for_tenant(tenant_id):
            yield

    def organisation_rows(
        self, scope: Scope, table_name: str, organisation_id: UUID
    ) -> tuple[tuple[str, ...], list[dict[str, Any]]]:
        """An organisation's rows of a read table that the scope shows, and the columns that key a row in it (its
        primary key but the tenant): what comparing a register at two moments compares."""
        table = getattr(self.reader.store.tables, table_name)
        key = tuple(column.name for column in table.primary_key.columns if column.name != "tenant_id")
        query = select(table).where(
            self.reader.visibility.rows(scope, table), table.c.organisation_id == organisation_id
        )
        return key, self.reader.all(query)

    def rows_in_view(self, scope: Scope, table_name: str) -> list[dict[str, Any]]:
        """Every row of a read table that the scope shows, through the one filter: what any query may start from."""
        table = getattr(self.reader.store.tables, table_name)
        return self.reader.all(select(table).where(self.reader.visibility.rows(scope, table)))
