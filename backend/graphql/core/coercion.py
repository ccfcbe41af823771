"""Why an input does not fit its GraphQL type, named by the field at fault: `input.heldOn`, `input.levels.0.level`.

graphql-core finds the same faults, but reports a variable's as an error wrapping another (which the masking takes
for a crash) and a literal's without the field. These walkers follow the types themselves, so every fault of
coercion becomes a VALIDATION error with its field path, in the client's words, with no "did you mean".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from graphql import (
    ArgumentNode,
    DocumentNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLNamedType,
    ListValueNode,
    Node,
    NullValueNode,
    ObjectValueNode,
    ValueNode,
    VariableNode,
    Visitor,
    get_named_type,
    is_enum_type,
    is_input_object_type,
    is_list_type,
    is_non_null_type,
    is_required_input_field,
    visit,
)
from graphql.pyutils import Undefined
from graphql.utilities import coerce_input_literal, coerce_input_value

Problem = tuple[str, str]
"""The field path at fault, and what is wrong with it."""

REQUIRED = "A value is required."
UNKNOWN_FIELD = "There is no such field."
NOT_AN_OBJECT = "Must be an object of fields."
WHOLE_NUMBER = "Must be a whole number from -2,147,483,648 to 2,147,483,647."
_SHOWN_LENGTH = 40


def validation_error(field: str, message: str, nodes: Node | list[Node] | None = None) -> GraphQLError:
    return GraphQLError(message, nodes, extensions={"code": "VALIDATION", "field": field})


def value_problems(value: Any, type_: GraphQLInputType, path: str) -> list[Problem]:
    """The faults of a variable's value (decoded JSON) against its type."""
    if is_non_null_type(type_):
        missing = value is None or value is Undefined
        return [(path, REQUIRED)] if missing else value_problems(value, type_.of_type, path)
    if value is None or value is Undefined:
        return []
    if is_list_type(type_):
        items = _items(value, path) if isinstance(value, list) else [(path, value)]  # one value: a list of one
        return [p for item_path, item in items for p in value_problems(item, type_.of_type, item_path)]
    if is_input_object_type(type_):
        is_object = isinstance(value, dict)
        return _fields_problems(value, type_, path, value_problems) if is_object else [(path, NOT_AN_OBJECT)]
    if coerce_input_value(value, type_) is Undefined:
        return [(path, leaf_message(get_named_type(type_), value))]
    return [(path, NOT_TEXT)] if _has_surrogate(value) else []


def literal_problems(node: ValueNode, type_: GraphQLInputType, path: str) -> list[Problem]:
    """The faults of a literal written in the document; variables inside it are checked with their values."""
    if isinstance(node, VariableNode) or (isinstance(node, NullValueNode) and not is_non_null_type(type_)):
        return []
    if is_non_null_type(type_):
        missing = isinstance(node, NullValueNode)
        return [(path, REQUIRED)] if missing else literal_problems(node, type_.of_type, path)
    if is_list_type(type_):
        nodes = _items(node.values, path) if isinstance(node, ListValueNode) else [(path, node)]
        return [p for item_path, item in nodes for p in literal_problems(item, type_.of_type, item_path)]
    if is_input_object_type(type_):
        if not isinstance(node, ObjectValueNode):
            return [(path, NOT_AN_OBJECT)]
        return _fields_problems({f.name.value: f.value for f in node.fields}, type_, path, literal_problems)
    return _leaf_literal_problems(node, type_, path)


def _leaf_literal_problems(node: ValueNode, type_: GraphQLInputType, path: str) -> list[Problem]:
    if coerce_input_literal(node, type_) is Undefined:
        return [(path, leaf_message(get_named_type(type_), getattr(node, "value", "")))]
    return [(path, NOT_TEXT)] if _has_surrogate(getattr(node, "value", None)) else []


NOT_TEXT = "Contains a character that is not valid text (a lone surrogate)."


def _has_surrogate(value: Any) -> bool:
    """Lone surrogates decode from JSON and GraphQL escapes but cannot be stored or sent as UTF-8."""
    return isinstance(value, str) and any("\ud800" <= character <= "\udfff" for character in value)


def _items(values: Any, path: str) -> list[tuple[str, Any]]:
    return [(f"{path}.{index}", value) for index, value in enumerate(values)]


def _fields_problems(
    given: dict[str, Any],
    type_: GraphQLInputObjectType,
    path: str,
    walk: Callable[[Any, GraphQLInputType, str], list[Problem]],
) -> list[Problem]:
    problems = [(f"{path}.{name}", UNKNOWN_FIELD) for name in given if name not in type_.fields]
    for name, field in type_.fields.items():
        if name in given:
            problems += walk(given[name], field.type, f"{path}.{name}")
        elif is_required_input_field(field):
            problems.append((f"{path}.{name}", REQUIRED))
    return problems


def leaf_message(type_: GraphQLNamedType, value: Any) -> str:
    if is_enum_type(type_):
        return f"Must be one of: {', '.join(type_.values)}."
    messages = {
        "Date": f"Not a valid date: {_shown(value)}.",
        "DateTime": f"Not a valid date and time: {_shown(value)}.",
        "Int": WHOLE_NUMBER,
        "Float": "Must be a number.",
        "Boolean": "Must be true or false.",
        "String": "Must be text.",
        "ID": "This is not a valid id.",
    }
    return messages.get(type_.name, f"Not a valid {type_.name}.")


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    text = text.encode("utf-8", "replace").decode("utf-8")  # a lone surrogate is not sent back
    return text if len(text) <= _SHOWN_LENGTH else text[: _SHOWN_LENGTH - 3] + "..."


def variable_paths(document: DocumentNode) -> dict[str, str]:
    """Where each variable is used, as a field path: `$input` passed as `input` is `input`; in `{heldOn: $d}`,
    `$d` is `input.heldOn`. Errors then name the field whatever the client called its variables."""
    collector = _ArgumentPaths()
    visit(document, collector)
    return collector.paths


class _ArgumentPaths(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.paths: dict[str, str] = {}

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> None:
        self._collect(node.value, node.name.value)

    def _collect(self, node: ValueNode, path: str) -> None:
        if isinstance(node, VariableNode):
            self.paths.setdefault(node.name.value, path)
        elif isinstance(node, ObjectValueNode):
            for field in node.fields:
                self._collect(field.value, f"{path}.{field.name.value}")
        elif isinstance(node, ListValueNode):
            for index, item in enumerate(node.values):
                self._collect(item, f"{path}.{index}")
