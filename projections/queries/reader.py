"""All the queries, in one object handed to the API."""

from __future__ import annotations

from projections.queries.programme import ProgrammeQueries
from projections.queries.scope import ScopeQueries


class ReadQueries(ProgrammeQueries, ScopeQueries):
    pass
