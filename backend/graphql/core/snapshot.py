"""A query document reads the read models in one transaction: one connection and one consistent view for all
its fields (the dashboard's members, their coaching and their gap analyses are read as of the same moment).
Mutations are left alone: they read after their command, and must see what it wrote."""

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
        with context.context.services.queries.one_transaction():
            yield
