"""Parsing, validation and the check of variables, off the event loop and with typed errors naming the field.

Parsing and validating a document is CPU work (some rules compare every pair of fields): done in a worker thread,
one request cannot stall the others. A document already parsed and validated (the known documents' cache, which
runs first) skips both steps here too.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import anyio.to_thread
from graphql import (
    ArgumentNode,
    DocumentNode,
    ExecutionResult,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    VariableDefinitionNode,
    get_operation_ast,
    is_input_type,
    is_required_argument,
    parse,
    validate,
)
from graphql.pyutils import Undefined
from graphql.utilities import type_from_ast
from graphql.validation import (
    ASTValidationRule,
    ProvidedRequiredArgumentsRule,
    ValidationRule,
    ValuesOfCorrectTypeRule,
)
from graphql.validation.rules.provided_required_arguments import ProvidedRequiredArgumentsOnDirectivesRule
from strawberry.extensions.base_extension import SchemaExtension
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule
from strawberry.types.execution import ParseOptions

from backend.graphql.core.coercion import (
    REQUIRED,
    Problem,
    literal_problems,
    validation_error,
    value_problems,
    variable_paths,
)
from backend.graphql.core.limits import selection_problem


class InputLiterals(ValidationRule):
    """graphql-core's checks of literals and of required arguments, answered as VALIDATION naming the field."""

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> None:
        argument = self.context.get_argument()
        if argument is not None:  # an unknown argument is reported by its own rule
            self._report(literal_problems(node.value, argument.type, node.name.value), node)

    def enter_variable_definition(self, node: VariableDefinitionNode, *_args: Any) -> None:
        type_ = type_from_ast(self.context.schema, node.type)
        if node.default_value is not None and is_input_type(type_):
            self._report(literal_problems(node.default_value, type_, node.variable.name.value), node)

    def leave_field(self, node: FieldNode, *_args: Any) -> None:
        field = self.context.get_field_def()
        given = {argument.name.value for argument in node.arguments or ()}
        missing = [name for name, arg in (field.args if field else {}).items() if is_required_argument(arg)]
        self._report([(name, REQUIRED) for name in missing if name not in given], node)

    def _report(self, problems: list[Problem], node: ArgumentNode | FieldNode | VariableDefinitionNode) -> None:
        for field, message in problems:
            self.report_error(validation_error(field, message, node))


_REPLACED: dict[type[ASTValidationRule], type[ASTValidationRule]] = {
    ValuesOfCorrectTypeRule: InputLiterals,
    ProvidedRequiredArgumentsRule: ProvidedRequiredArgumentsOnDirectivesRule,
}


def validation_rules(rules: tuple[type[ASTValidationRule], ...]) -> tuple[type[ASTValidationRule], ...]:
    """The schema's rules with ours in place of graphql-core's input checks, plus strawberry's own two."""
    replaced = [_REPLACED.get(rule, rule) for rule in rules]
    return tuple(dict.fromkeys([*replaced, InputLiterals, MaybeNullValidationRule, OneOfInputValidationRule]))


def variable_errors(
    schema: GraphQLSchema, document: DocumentNode, operation_name: str | None, variables: dict[str, Any]
) -> list[GraphQLError]:
    operation = get_operation_ast(document, operation_name)
    if operation is None:
        return []
    errors = []
    paths: dict[str, str] | None = None  # where each variable is used: walked only when a value is at fault
    for definition in operation.variable_definitions or ():
        name, type_ = definition.variable.name.value, type_from_ast(schema, definition.type)
        value = variables.get(name, Undefined)
        if not is_input_type(type_) or (value is Undefined and definition.default_value is not None):
            continue
        if not value_problems(value, type_, name):
            continue
        paths = variable_paths(document) if paths is None else paths
        problems = value_problems(value, type_, paths.get(name, name))
        errors += [validation_error(field, message, definition) for field, message in problems]
    return errors


class PrepareOffTheLoop(SchemaExtension):
    """Parses (refusing too many selections), validates, then checks the variables, before execution."""

    def __init__(self, hide_suggestions: bool) -> None:
        self.hide_suggestions = hide_suggestions

    async def on_parse(self) -> AsyncIterator[None]:
        context = self.execution_context
        if context.graphql_document is None and context.query:
            document, problem = await anyio.to_thread.run_sync(_parse, context.query, context.parse_options)
            context.graphql_document = document
            if problem is not None:
                context.pre_execution_errors = [validation_error("query", problem)]
        yield

    async def on_validate(self) -> AsyncIterator[None]:
        context = self.execution_context
        if context.pre_execution_errors is None and context.graphql_document is not None:
            rules = validation_rules(context.validation_rules)
            schema, document = context.schema._schema, context.graphql_document
            context.pre_execution_errors = await anyio.to_thread.run_sync(
                lambda: validate(schema, document, rules, hide_suggestions=self.hide_suggestions)
            )
        yield

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is not None and context.result is None:
            schema, document = context.schema._schema, context.graphql_document
            errors = variable_errors(schema, document, context.operation_name, context.variables or {})
            if errors:
                context.result = ExecutionResult(data=None, errors=errors)
        yield


def _parse(query: str, options: ParseOptions) -> tuple[DocumentNode | None, str | None]:
    """The document and why it selects too much; no document when it does not parse (strawberry then parses it
    again and reports the syntax error its own way)."""
    try:
        document = parse(query, **options)
    except (GraphQLError, RecursionError):
        return None, None
    return document, selection_problem(document)
