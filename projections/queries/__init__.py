"""The one query layer. Every read goes through here, filtered by the caller's scope.

A `Scope` is built by the backend's policy from the signed-in principal; nothing here takes a tenant from a
request argument. A coach's scope narrows the clusters to those the coach leads; a member's scope narrows them
to the clusters of the member's organisation, and every register to that organisation's own.
"""

from projections.queries.core import (
    AccountRow,
    ClusterRow,
    CoachingRow,
    ConsultancyRow,
    MemberRow,
    OrganisationRow,
    Scope,
    SignIn,
)
from projections.queries.programme import (
    AssessmentRow,
    AttendanceRow,
    EffortRow,
    FeedbackRow,
    OverrideRow,
    SessionMoveRow,
    SessionRow,
    UnavailabilityRow,
)
from projections.queries.reader import ReadQueries

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
