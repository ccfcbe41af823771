"""Items' histories read once per page: the first item whose history is asked reads it for every item of the
lists built in the same request (one query, not one per item). The memo lives as long as the request's context."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID
from weakref import WeakKeyDictionary

from strawberry.types import Info

from backend.graphql.core.context import Context
from projections.context.rows import HistoryRow


class _Memo:
    def __init__(self) -> None:
        self.listed: dict[UUID, set[UUID]] = {}
        """By organisation: the items of the lists built in this request."""
        self.read: dict[UUID, list[HistoryRow]] = {}


_MEMOS: WeakKeyDictionary[Context, _Memo] = WeakKeyDictionary()


def _memo(info: Info[Context, None]) -> _Memo:
    return _MEMOS.setdefault(info.context, _Memo())


def listed(info: Info[Context, None], organisation_id: UUID, item_ids: Iterable[UUID]) -> None:
    """Notes the items of a page, whose histories a later field may ask for; a list built after a change (a
    mutation's answer) reads them again."""
    memo, items = _memo(info), set(item_ids)
    memo.listed.setdefault(organisation_id, set()).update(items)
    for item in items:
        memo.read.pop(item, None)


def item_history(info: Info[Context, None], organisation_id: str, item_id: str) -> list[HistoryRow]:
    memo, organisation, item = _memo(info), UUID(organisation_id), UUID(item_id)
    if item not in memo.read:
        wanted = (memo.listed.get(organisation, set()) | {item}) - set(memo.read)
        scope, queries = info.context.scope, info.context.services.queries.context
        memo.read.update(queries.history(scope, organisation, sorted(wanted)))
    return memo.read[item]
