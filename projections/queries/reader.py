"""All the queries, in one object handed to the API."""

from __future__ import annotations

from projections.queries.programme import ProgrammeQueries


class ReadQueries(ProgrammeQueries):
    pass
