"""The features of the read side, in one list: each contributes its tables, its projections and its queries.

Adding a feature is a new folder (`tables.py`, `projection.py`, `queries.py`, `rows.py`) and one line here.
"""

from __future__ import annotations

from dataclasses import dataclass

from projections.assessment.projection import AssessmentProjection
from projections.assessment.queries import AssessmentQueries
from projections.assessment.tables import define_tables as assessment_tables
from projections.clusters.plan_projection import PlanningProjection
from projections.clusters.projection import ProgrammeProjection
from projections.clusters.queries import ClusterQueries
from projections.clusters.tables import define_tables as cluster_tables
from projections.core.projection import Projection
from projections.core.reading import FeatureQueries
from projections.core.tables import ReadTables, TableDefiner, compose_read_tables
from projections.effort.projection import EffortProjection
from projections.effort.queries import EffortQueries
from projections.effort.tables import define_tables as effort_tables
from projections.engagement.queries import EngagementQueries
from projections.engagement.tables import define_tables as engagement_tables
from projections.feedback.projection import FeedbackProjection
from projections.feedback.queries import FeedbackQueries
from projections.feedback.tables import define_tables as feedback_tables
from projections.organisations.queries import OrganisationQueries
from projections.organisations.tables import define_tables as organisation_tables
from projections.tenancy.projection import TenancyProjection
from projections.tenancy.queries import TenancyQueries
from projections.tenancy.tables import define_tables as tenancy_tables


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
    Feature("clusters", cluster_tables, (ProgrammeProjection, PlanningProjection), ClusterQueries),
    Feature("engagement", engagement_tables, (), EngagementQueries),
    Feature("assessment", assessment_tables, (AssessmentProjection,), AssessmentQueries),
    Feature("feedback", feedback_tables, (FeedbackProjection,), FeedbackQueries),
    Feature("effort", effort_tables, (EffortProjection,), EffortQueries),
)
"""The order of the projections is the order they see an event in."""


def define_read_tables(prefix: str = "") -> ReadTables:
    """Every feature's tables (and the operational ones), under the prefix."""
    return compose_read_tables((f.tables for f in FEATURES if f.tables is not None), prefix)


def build_projections(tables: ReadTables) -> list[Projection]:
    return [projection(tables) for feature in FEATURES for projection in feature.projections]
