"""Bounds on what one request may ask, so no request can stall the server for the others."""

from __future__ import annotations

from graphql import DocumentNode, FieldNode, SelectionSetNode

MAX_BODY_BYTES = 64 * 1024
"""A request body larger than this is refused before it is decoded."""

MAX_DOCUMENT_BYTES = 16 * 1024
"""A GraphQL document larger than this is refused before it is parsed; the pages' largest is about 2 KiB."""

MAX_SELECTIONS = 1000
"""Field selections in one document, counted after parsing, before the validation rules (some compare every pair)."""

DOCUMENT_TOO_LARGE = f"The document is larger than {MAX_DOCUMENT_BYTES:,} bytes."
TOO_MANY_SELECTIONS = f"The document selects more than {MAX_SELECTIONS:,} fields."


def count_selections(document: DocumentNode, stop_after: int = MAX_SELECTIONS) -> int:
    """Field selections in every operation and fragment; counting stops once past `stop_after`."""
    stack: list[SelectionSetNode] = [
        selections for definition in document.definitions if (selections := getattr(definition, "selection_set", None))
    ]
    count = 0
    while stack and count <= stop_after:
        for selection in stack.pop().selections:
            count += isinstance(selection, FieldNode)
            if selections := getattr(selection, "selection_set", None):
                stack.append(selections)
    return count
