"""The organisations a consultancy registered, as far as the scope shows them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import Select, select

from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.organisations.rows import OrganisationRow


class OrganisationQueries(FeatureQueries):
    def organisations(self, scope: Scope) -> list[OrganisationRow]:
        rows = self._all(*self._prepared.get("organisations", scope, self._organisations_query))
        return [organisation_row(row) for row in rows]

    def _organisations_query(self, scope: Scope) -> Select[Any]:
        organisations = self.t.organisations
        return select(organisations).where(self.visible.rows(scope, organisations)).order_by(organisations.c.name)

    def organisation(self, scope: Scope, organisation_id: UUID) -> OrganisationRow | None:
        organisations = self.t.organisations
        query = select(organisations).where(
            self.visible.rows(scope, organisations), organisations.c.organisation_id == organisation_id
        )
        row = self._one(query)
        return None if row is None else organisation_row(row)


def organisation_row(row: dict[str, Any]) -> OrganisationRow:
    return OrganisationRow(
        row["organisation_id"], row["name"], row["sector"], row["employee_count"], row["country"], row["region"]
    )
