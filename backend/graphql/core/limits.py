"""Bounds on what one request may ask, so no request can stall the server for the others."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

MAX_BODY_BYTES = 64 * 1024
"""A request body larger than this is refused before it is decoded."""

MAX_DOCUMENT_BYTES = 16 * 1024
"""A GraphQL document larger than this is refused before it is parsed; the pages' largest is about 2 KiB."""

MAX_SELECTIONS = 1000
"""Field selections in one document, counted after parsing, before the validation rules."""

MAX_REPEATS = 10
"""Selections of one response name in one selection set: the rule that fields can merge compares every pair."""

MAX_FRAGMENT_NESTING = 20
"""Named fragments spread inside named fragments: deeper nesting is refused before its expansion is counted."""

DOCUMENT_TOO_LARGE = f"The document is larger than {MAX_DOCUMENT_BYTES:,} bytes."
TOO_MANY_SELECTIONS = f"The document selects more than {MAX_SELECTIONS:,} fields."
TOO_MANY_REPEATS = f"The document selects one field more than {MAX_REPEATS} times in one place."
FRAGMENTS_TOO_DEEP = f"The document nests named fragments more than {MAX_FRAGMENT_NESTING} deep."


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
    return _expansion_problem(document)


class _Excess(Exception):
    def __init__(self, problem: str) -> None:
        self.problem = problem


def _expansion_problem(document: DocumentNode) -> str | None:
    """Counts the selections as executed, named fragments expanded where they are spread: a few hundred bytes of
    fragments spreading fragments twice each would otherwise make millions of fields."""
    counter = _ExpandedSize(document)
    try:
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                counter.size(definition.selection_set, 0)
    except _Excess as excess:
        return excess.problem
    except RecursionError:  # fields nested thousands deep: far past the depth limit anyway
        return TOO_MANY_SELECTIONS
    return None


class _ExpandedSize:
    """The number of fields a selection set executes, each fragment counted once by name (`_Excess` past a limit)."""

    def __init__(self, document: DocumentNode) -> None:
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self.sizes: dict[str, int] = {}

    def size(self, selection_set: SelectionSetNode, nesting: int) -> int:
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += 1 + (self.size(selection.selection_set, nesting) if selection.selection_set else 0)
            elif isinstance(selection, InlineFragmentNode):
                total += self.size(selection.selection_set, nesting)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment_size(selection.name.value, nesting + 1)
            if total > MAX_SELECTIONS:
                raise _Excess(TOO_MANY_SELECTIONS)
        return total

    def fragment_size(self, name: str, nesting: int) -> int:
        if nesting > MAX_FRAGMENT_NESTING:
            raise _Excess(FRAGMENTS_TOO_DEEP)
        if name not in self.fragments:  # unknown or cyclic spreads are the validation rules' to report
            return 0
        if name not in self.sizes:
            self.sizes[name] = 0  # a cycle back to this fragment counts nothing more
            self.sizes[name] = self.size(self.fragments[name].selection_set, nesting)
        return self.sizes[name]


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
