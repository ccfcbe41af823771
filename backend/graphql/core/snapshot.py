"""A query document reads the read models in one transaction: one connection and one consistent view for all
its fields (the dashboard's members, their coaching and their gap analyses are read as of the same moment).
Mutations are left alone: they read after their command, and must see what it wrote.

On PostgreSQL with row-level security, that transaction is the principal's tenant's alone, and so is each of a
mutation's reads: the database itself returns no other tenant's row, whatever a query asks
(`backend/row_security.py`)."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions.base_extension import SchemaExtension
from strawberry.types.graphql import OperationType

from backend.graphql.core.context import Context


class OneReadTransaction(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if not isinstance(context.context, Context):
            yield
            return
        principal, queries = context.context.principal, context.context.services.queries
        if context.operation_type is OperationType.QUERY:
            with queries.one_transaction(principal.tenant_id if principal else None):
                yield
        elif principal is not None:  # a mutation's reads, each its own transaction, of the principal's tenant
            with queries.for_tenant(principal.tenant_id):
                yield
        else:
            yield
