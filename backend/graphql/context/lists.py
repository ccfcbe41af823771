"""The context's lists as connections: filters checked (a bad one is refused naming it), a sort, keyset pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

import strawberry
from graphql import GraphQLError

from backend.graphql.core.pagination import PageInfo, check_page_size, decode_cursor, encode_cursor
from domain.context.rules import ISSUE_CATEGORIES, ISSUE_SIDES, choice
from domain.context.templates import ENVIRONMENTS, stakeholder_kinds
from domain.shared.errors import DomainError
from projections.context.rows import Page, Sort

N = TypeVar("N")
C = TypeVar("C")
STATUSES = ("current", "retired")


@strawberry.enum(description="The order of the issues.")
class IssueSort(Enum):
    NEWEST = "newest"
    OLDEST = "oldest"
    CATEGORY = "category"


@strawberry.enum(description="The order of the interested parties.")
class PartySort(Enum):
    NAME = "name"
    KIND = "kind"
    NEWEST = "newest"


@strawberry.enum(description="The order of the roles.")
class RoleSort(Enum):
    TITLE = "title"
    PERSON = "person"
    KIND = "kind"


SORTS: dict[Enum, Sort] = {
    IssueSort.NEWEST: Sort("raised_at", descending=True),
    IssueSort.OLDEST: Sort("raised_at"),
    IssueSort.CATEGORY: Sort("category"),
    PartySort.NAME: Sort("name"),
    PartySort.KIND: Sort("kind"),
    PartySort.NEWEST: Sort("identified_at", descending=True),
    RoleSort.TITLE: Sort("title"),
    RoleSort.PERSON: Sort("person_name"),
    RoleSort.KIND: Sort("kind"),
}
CHOICES: dict[str, tuple[str, ...]] = {
    "side": ISSUE_SIDES,
    "category": ISSUE_CATEGORIES,
    "status": STATUSES,
    "environment": ENVIRONMENTS,
}


def checked_filter(given: Any, kinds: Sequence[str]) -> dict[str, Any]:
    """The filter's fields, each choice one of its known values (`filter.<field>` is refused otherwise); `kinds` are
    the list's own kinds (of party, of role)."""
    fields = dict(vars(given)) if given is not None else {}
    for name, value in fields.items():
        allowed = kinds if name == "kind" else CHOICES.get(name)
        if value is not None and allowed is not None:
            choice(f"filter.{name}", value, allowed, f"a {name}")
    return fields


PARTY_KINDS = tuple(kind.key for kind in stakeholder_kinds())


def page_of(first: int, after: str | None) -> Page:
    return Page(check_page_size(first) + 1, decode_cursor(after))


def refused(error: DomainError) -> GraphQLError:
    return GraphQLError(error.message, extensions={"code": error.code, "field": _camel(error.field)})


def _camel(field: str | None) -> str | None:
    if field is None:
        return None
    head, *rest = field.split("_")
    return head + "".join(part.capitalize() for part in rest)


def connection(
    rows: list[Any],
    first: int,
    sort: Sort,
    node: Callable[[Any], N],
    build: Callable[[list[tuple[str, N]], PageInfo], C],
) -> C:
    """The page of `first` rows (one more was read to know whether a next page exists)."""
    page = rows[:first]
    edges = [(encode_cursor(_sort_value(getattr(row, sort.column)), row.item_id), node(row)) for row in page]
    info = PageInfo(has_next_page=len(rows) > first, end_cursor=edges[-1][0] if edges else None)
    return build(edges, info)


def _sort_value(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)
