"""How the query objects read: one shared read transaction per document, statements built once, one filter."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Connection, Select, Table, and_

from projections.core.prepared import Build, PreparedStatements
from projections.core.scope import Scope, Visibility
from projections.core.store import ReadStore


class Reader:
    """The read store as the query objects share it."""

    def __init__(self, store: ReadStore) -> None:
        self.store = store
        self.prepared = PreparedStatements()
        self.visibility = Visibility(store.tables)
        self._shared: ContextVar[Connection | None] = ContextVar(f"read_transaction_{id(self)}", default=None)
        self._tenant: ContextVar[UUID | None] = ContextVar(f"read_tenant_{id(self)}", default=None)

    @contextmanager
    def for_tenant(self, tenant_id: UUID) -> Iterator[None]:
        """Each read inside is a transaction of this tenant's alone (row-level security: `ReadStore.reading_for`),
        each its own, so that reads after a command see what it wrote."""
        token = self._tenant.set(tenant_id)
        try:
            yield
        finally:
            self._tenant.reset(token)

    @contextmanager
    def one_transaction(self, tenant_id: UUID | None = None) -> Iterator[None]:
        """Reads inside share one read transaction: one connection, and one view of the read models, for a
        whole document. Only for reads: a command's own writes would not show in a view taken before them.
        Given the reader's tenant, the transaction is that tenant's alone (row-level security: see
        `ReadStore.reading_for`)."""
        if self._shared.get() is not None:
            yield
            return
        with self._transaction(tenant_id or self._tenant.get()) as conn:
            token = self._shared.set(conn)
            try:
                yield
            finally:
                self._shared.reset(token)

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        shared = self._shared.get()
        if shared is not None:
            yield shared
            return
        with self._transaction(self._tenant.get()) as conn:
            yield conn

    @contextmanager
    def apart(self, tenant_id: UUID) -> Iterator[None]:
        """Reads inside are each a transaction of `tenant_id`'s alone, outside the document's shared transaction:
        the one way a principal's request reads another tenant's rows, for the few reads the policy allows it
        (`backend/policy.py`)."""
        shared, tenant = self._shared.set(None), self._tenant.set(tenant_id)
        try:
            yield
        finally:
            self._tenant.reset(tenant)
            self._shared.reset(shared)

    def _transaction(self, tenant_id: UUID | None) -> AbstractContextManager[Connection]:
        return self.store.reading() if tenant_id is None else self.store.reading_for(tenant_id)

    def one(self, query: Select[Any], parameters: dict[str, Any] | None = None) -> dict[str, Any] | None:
        with self.connection() as conn:
            row = conn.execute(query, parameters).mappings().first()
            return None if row is None else dict(row)

    def all(self, query: Select[Any], parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        with self.connection() as conn:
            return [dict(row) for row in conn.execute(query, parameters).mappings()]


class FeatureQueries:
    """A feature's query object: its reads, each filtered by `self.visible` (the one filter)."""

    def __init__(self, reader: Reader) -> None:
        self.reader = reader
        self.t = reader.store.tables
        self.visible = reader.visibility
        self._prepared = reader.prepared

    def _one(self, query: Select[Any], parameters: dict[str, Any] | None = None) -> dict[str, Any] | None:
        return self.reader.one(query, parameters)

    def _all(self, query: Select[Any], parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return self.reader.all(query, parameters)

    def _per_organisation(
        self, name: str, scope: Scope, build: Build, organisation_ids: list[UUID], grouped: bool, **arguments: Any
    ) -> list[dict[str, Any]]:
        """A one-organisation read (`build` compares its rows with `organisation_id`) for several organisations in
        one statement, built once per kind of scope: the organisations drive it, each row names its organisation
        (`of_organisation`). `grouped`: the read aggregates its rows (`GROUP BY` the organisation; no row where it
        finds none); else its subqueries are counted for each organisation. Every row still goes through the one
        filter, as the read for one organisation does."""

        def many(scope: Scope, organisation_ids: Any, **given: Any) -> Select[Any]:
            organisations = self.t.organisations
            driver = organisations.c.organisation_id
            query = (
                build(scope, organisation_id=driver, **given)
                .add_columns(driver.label("of_organisation"))
                .where(organisations.c.tenant_id == scope.tenant_id, driver.in_(organisation_ids))
            )
            return query.group_by(driver) if grouped else query

        query, parameters = self._prepared.get(name, scope, many, organisation_ids=organisation_ids, **arguments)
        return self._all(query, parameters)


def same(left: Table, right: Table, *columns: str) -> ColumnElement[bool]:
    """A join condition: the two tables agree on each column, e.g. `same(organisations, members, "tenant_id",
    "organisation_id")`."""
    return and_(*(left.c[column] == right.c[column] for column in columns))


ORGANISATION = ("tenant_id", "organisation_id")
"""The columns that name one organisation: join an organisation's name with `same(organisations, t, *ORGANISATION)`."""
