"""The read side's names that the API and the pages use: the query layer, the scope and the rows.

`ReadQueries` (in `projections/features.py`, beside the list it is built from) holds one query object per feature;
each read is filtered by the caller's `Scope`, which the backend's policy builds from the signed-in principal.
Nothing here takes a tenant from a request argument. A cluster's rows, and a new feature's, are imported from
the feature's own `rows.py`.
"""

from __future__ import annotations

from projections.assessment.rows import AssessmentRow
from projections.core.scope import Scope
from projections.effort.rows import EffortRow
from projections.engagement.rows import CoachingRow, OverrideRow
from projections.features import ReadQueries
from projections.feedback.rows import FeedbackRow
from projections.organisations.rows import OrganisationRow
from projections.tenancy.rows import AccountRow, ConsultancyRow, SignIn

__all__ = [
    "AccountRow",
    "AssessmentRow",
    "CoachingRow",
    "ConsultancyRow",
    "EffortRow",
    "FeedbackRow",
    "OrganisationRow",
    "OverrideRow",
    "ReadQueries",
    "Scope",
    "SignIn",
]
