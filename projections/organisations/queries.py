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
        query, parameters = self._prepared.get(
            "organisation", scope, self._organisation_query, organisation_id=organisation_id
        )
        row = self._one(query, parameters)
        return None if row is None else organisation_row(row)

    def _organisation_query(self, scope: Scope, organisation_id: Any) -> Select[Any]:
        organisations = self.t.organisations
        return select(organisations).where(
            self.visible.rows(scope, organisations), organisations.c.organisation_id == organisation_id
        )

    def with_registers(self, scope: Scope, organisation_id: UUID) -> OrganisationRow | None:
        """The organisation, when its registers are in view (`registers_in_view`): what a register's reads check.
        One statement, built once per kind of scope: every register's page and each member's readiness ask it."""
        query, parameters = self._prepared.get(
            "organisation_with_registers", scope, self._with_registers_query, organisation_id=organisation_id
        )
        row = self._one(query, parameters)
        return None if row is None else organisation_row(row)

    def with_registers_of(self, scope: Scope, organisation_ids: list[UUID]) -> dict[UUID, OrganisationRow]:
        """`with_registers` of several organisations, in one statement: those whose registers are in view, by id
        (a cluster's dashboard checks every member's before reading its readiness)."""
        query, parameters = self._prepared.get(
            "organisations_with_registers", scope, self._with_registers_of_query, organisation_ids=organisation_ids
        )
        return {row.organisation_id: row for row in map(organisation_row, self._all(query, parameters))}

    def _with_registers_of_query(self, scope: Scope, organisation_ids: Any) -> Select[Any]:
        organisations = self.t.organisations
        return select(organisations).where(
            self.visible.rows(scope, organisations),
            self.visible.registers(scope, organisations.c.organisation_id),
            organisations.c.organisation_id.in_(organisation_ids),
        )

    def registers_in_view(self, scope: Scope, organisation_id: UUID) -> bool:
        """Whether the organisation's own registers are in view: its own people, the coach of a cluster it belongs
        or belonged to, the consultancy's admins; not a coach who merely sees it awaiting a cluster."""
        return self.with_registers(scope, organisation_id) is not None

    def _with_registers_query(self, scope: Scope, organisation_id: Any) -> Select[Any]:
        organisations = self.t.organisations
        return select(organisations).where(
            self.visible.rows(scope, organisations),
            self.visible.registers(scope, organisations.c.organisation_id),
            organisations.c.organisation_id == organisation_id,
        )


def organisation_row(row: dict[str, Any]) -> OrganisationRow:
    return OrganisationRow(
        row["organisation_id"], row["name"], row["sector"], row["employee_count"], row["country"], row["region"]
    )
