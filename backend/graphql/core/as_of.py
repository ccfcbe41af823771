"""Reading the registers as of a past moment: one moment per operation.

Every root field of the queries takes `asOf` (`AsOfArgument`, added to each when the schema is built). Before the
operation runs, `ReadAsOf` reads the moment the root fields name (a literal or a variable), or the one a page set
on the context (`?as_of=`), and gives the context a view of the services whose queries read the tenant's read
model as recorded then. The resolvers read `info.context.services.queries` as always, so every one of them reads
the past, through the same visibility filter. Different moments in one operation, `asOf` on some root fields and
not others, a moment to come, a malformed one, and any mutation with a moment are refused, naming `asOf`.

A moment before the consultancy's first event answers what Cordee knew then: nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any

import anyio.to_thread
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    NullValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    StringValueNode,
    VariableNode,
)
from strawberry.annotation import StrawberryAnnotation
from strawberry.extensions import FieldExtension
from strawberry.extensions.base_extension import SchemaExtension
from strawberry.types import ExecutionResult
from strawberry.types.arguments import StrawberryArgument
from strawberry.types.field import StrawberryField
from strawberry.types.graphql import OperationType

from backend.graphql.core.coercion import validation_error
from backend.graphql.core.context import Context
from backend.history.as_of import check_past, moment_of
from domain.shared.errors import ValidationFailed

ARGUMENT = "asOf"
ONE_MOMENT = "Give one asOf moment for the whole operation: its fields name different ones."
EVERY_FIELD = "Give asOf to every field of the operation, or to none."
READ_ONLY = "History is read-only: a mutation cannot take asOf."
NOT_A_MOMENT = "Give a date and time in ISO 8601, such as 2026-03-31T14:30:00Z."
DESCRIPTION = "As recorded at this moment (UTC without a zone); one moment per operation, for all its fields."


class AsOfArgument(FieldExtension):
    """Adds `asOf` to a root field; the resolver never sees it (`ReadAsOf` reads it from the document)."""

    def apply(self, field: StrawberryField) -> None:
        if any(argument.python_name == "as_of" for argument in field.arguments):
            return  # the field is shared by the schemas of both modes: added once
        field.arguments.append(
            StrawberryArgument(
                python_name="as_of",
                graphql_name=ARGUMENT,
                type_annotation=StrawberryAnnotation(datetime | None),
                default=None,
                description=DESCRIPTION,
            )
        )

    def map_arguments(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        kwargs.pop("as_of", None)
        return kwargs


def with_as_of(fields: list[StrawberryField], leave_out: frozenset[str] = frozenset()) -> None:
    """Gives `asOf` to each of the root fields but those named in `leave_out` (by Python name)."""
    for field in fields:
        if field.python_name not in leave_out and not any(isinstance(e, AsOfArgument) for e in field.extensions):
            field.extensions.append(AsOfArgument())


class ReadAsOf(SchemaExtension):
    """Listed before the one read transaction, which must open on the read model of the moment."""

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        context = execution.context
        if not isinstance(context, Context) or execution.graphql_document is None:
            yield
            return
        try:
            moment = _moment(
                context, named_moment(execution.graphql_document, execution.operation_name, execution.variables)
            )
            if moment is not None:
                if execution.operation_type is not OperationType.QUERY:
                    raise ValidationFailed(ARGUMENT, READ_ONLY)
                check_past(moment, datetime.now(UTC), ARGUMENT)
                principal = context.principal
                if principal is not None:  # signed out, the fields refuse on their own
                    services = context.live_services
                    history = await anyio.to_thread.run_sync(services.as_of, principal.tenant_id, moment)
                    context.read_history(moment, history)
        except ValidationFailed as refused:
            execution.result = ExecutionResult(data=None, errors=[validation_error(ARGUMENT, refused.message)])
        yield


def _moment(context: Context, named: datetime | None) -> datetime | None:
    if context.as_of is not None and named is not None and named != context.as_of:
        raise ValidationFailed(ARGUMENT, ONE_MOMENT)
    return named or context.as_of


def named_moment(
    document: DocumentNode, operation_name: str | None, variables: dict[str, Any] | None
) -> datetime | None:
    """The one moment the operation's root fields name with `asOf`, or None when none does."""
    operation = _operation(document, operation_name)
    if operation is None:
        return None
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    given: list[datetime | None] = []
    for field in _root_fields(operation.selection_set, fragments):
        if field.name.value.startswith("__"):
            continue  # introspection
        given.append(_argument(field, variables or {}))
    moments = {moment for moment in given if moment is not None}
    if not moments:
        return None
    if len(moments) > 1:
        raise ValidationFailed(ARGUMENT, ONE_MOMENT)
    if None in given:
        raise ValidationFailed(ARGUMENT, EVERY_FIELD)
    return moments.pop()


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is not None:
        operations = [o for o in operations if o.name is not None and o.name.value == name]
    return operations[0] if len(operations) == 1 else None


def _root_fields(
    selections: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode], seen: frozenset[str] = frozenset()
) -> Iterator[FieldNode]:
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _root_fields(selection.selection_set, fragments, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in fragments and name not in seen:
                yield from _root_fields(fragments[name].selection_set, fragments, seen | {name})


def _argument(field: FieldNode, variables: dict[str, Any]) -> datetime | None:
    for argument in field.arguments or ():
        if argument.name.value != ARGUMENT:
            continue
        node = argument.value
        if isinstance(node, NullValueNode):
            return None
        if isinstance(node, VariableNode):
            value = variables.get(node.name.value)
        elif isinstance(node, StringValueNode):
            value = node.value
        else:
            raise ValidationFailed(ARGUMENT, NOT_A_MOMENT)
        if value is None:
            return None
        return _parsed(value)
    return None


def _parsed(value: Any) -> datetime:
    if isinstance(value, datetime):
        return moment_of(value)
    try:
        return moment_of(datetime.fromisoformat(str(value)))
    except ValueError:
        raise ValidationFailed(ARGUMENT, NOT_A_MOMENT) from None
