"""Bounds on what one request may ask, so no request can stall the server for the others."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from graphql import DocumentNode, FieldNode, InlineFragmentNode, SelectionSetNode

MAX_BODY_BYTES = 64 * 1024
"""A request body larger than this is refused before it is decoded."""

MAX_DOCUMENT_BYTES = 16 * 1024
"""A GraphQL document larger than this is refused before it is parsed; the pages' largest is about 2 KiB."""

MAX_SELECTIONS = 1000
"""Field selections in one document, counted after parsing, before the validation rules."""

MAX_REPEATS = 10
"""Selections of one response name in one selection set: the rule that fields can merge compares every pair."""

DOCUMENT_TOO_LARGE = f"The document is larger than {MAX_DOCUMENT_BYTES:,} bytes."
TOO_MANY_SELECTIONS = f"The document selects more than {MAX_SELECTIONS:,} fields."
TOO_MANY_REPEATS = f"The document selects one field more than {MAX_REPEATS} times in one place."


def selection_problem(document: DocumentNode) -> str | None:
    """Why the document selects too much, if it does; the walk stops at the first excess."""
    stack: list[SelectionSetNode] = [
        selections for definition in document.definitions if (selections := getattr(definition, "selection_set", None))
    ]
    count = 0
    while stack:
        names = Counter((field.alias or field.name).value for field in _fields(stack.pop(), stack))
        count += names.total()
        if count > MAX_SELECTIONS:
            return TOO_MANY_SELECTIONS
        if names and max(names.values()) > MAX_REPEATS:
            return TOO_MANY_REPEATS
    return None


def _fields(selection_set: SelectionSetNode, nested: list[SelectionSetNode]) -> Iterator[FieldNode]:
    """The fields of a selection set with those of its inline fragments (they merge); sub-selections go to `nested`."""
    pending = [selection_set]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                yield selection
                if selection.selection_set:
                    nested.append(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
