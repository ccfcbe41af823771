"""The one query layer: one query object per feature, each read filtered by the caller's scope.

A `Scope` is built by the backend's policy from the signed-in principal; nothing here takes a tenant from a
request argument. Every query applies the one visibility filter (`projections.core.scope.Visibility`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select

from projections.assessment.queries import AssessmentQueries
from projections.assessment.rows import AssessmentRow
from projections.clusters.queries import ClusterQueries
from projections.clusters.rows import (
    AttendanceRow,
    ClusterRow,
    MemberRow,
    SessionMoveRow,
    SessionRow,
    UnavailabilityRow,
)
from projections.core.reading import Reader
from projections.core.scope import Scope
from projections.core.store import ReadStore
from projections.effort.queries import EffortQueries
from projections.effort.rows import EffortRow
from projections.engagement.queries import EngagementQueries
from projections.engagement.rows import CoachingRow, OverrideRow
from projections.features import FEATURES
from projections.feedback.queries import FeedbackQueries
from projections.feedback.rows import FeedbackRow
from projections.organisations.queries import OrganisationQueries
from projections.organisations.rows import OrganisationRow
from projections.tenancy.queries import TenancyQueries
from projections.tenancy.rows import AccountRow, ConsultancyRow, SignIn


class ReadQueries:
    """All the reads, one attribute per feature (`queries.clusters.members(scope, cluster_id)`)."""

    tenancy: TenancyQueries
    organisations: OrganisationQueries
    clusters: ClusterQueries
    engagement: EngagementQueries
    assessment: AssessmentQueries
    feedback: FeedbackQueries
    effort: EffortQueries

    def __init__(self, store: ReadStore) -> None:
        self.reader = Reader(store)
        for feature in FEATURES:
            setattr(self, feature.name, feature.queries(self.reader))

    @contextmanager
    def one_transaction(self) -> Iterator[None]:
        """Reads inside share one read transaction (see `Reader.one_transaction`)."""
        with self.reader.one_transaction():
            yield

    def rows_in_view(self, scope: Scope, table_name: str) -> list[dict[str, Any]]:
        """Every row of a read table that the scope shows, through the one filter: what any query may start from."""
        table = getattr(self.reader.store.tables, table_name)
        return self.reader.all(select(table).where(self.reader.visibility.rows(scope, table)))


__all__ = [
    "AccountRow",
    "AssessmentRow",
    "AttendanceRow",
    "ClusterRow",
    "CoachingRow",
    "ConsultancyRow",
    "EffortRow",
    "FeedbackRow",
    "MemberRow",
    "OrganisationRow",
    "OverrideRow",
    "ReadQueries",
    "Scope",
    "SessionMoveRow",
    "SessionRow",
    "SignIn",
    "UnavailabilityRow",
]
