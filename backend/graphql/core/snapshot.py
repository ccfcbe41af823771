"""A query document reads the read models in one transaction: one connection and one consistent view for all
its fields (the dashboard's members, their coaching and their gap analyses are read as of the same moment).
Mutations are left alone: they read after their command, and must see what it wrote.

On PostgreSQL with row-level security, that transaction is the principal's tenant's alone: the database itself
returns no other tenant's row, whatever a query asks (`backend/row_security.py`)."""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions.base_extension import SchemaExtension
from strawberry.types.graphql import OperationType

from backend.graphql.core.context import Context


class OneReadTransaction(SchemaExtension):
    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.operation_type is not OperationType.QUERY or not isinstance(context.context, Context):
            yield
            return
        principal = context.context.principal
        with context.context.services.queries.one_transaction(principal.tenant_id if principal else None):
            yield
