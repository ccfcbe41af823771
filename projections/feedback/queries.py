"""Feedback shared at the training sessions, as far as the scope shows it.

Every member of a cluster sees the visible items (shared with the whole cluster); coaches and admins see hidden
ones too; a member sees its own organisation's items whatever their status. Never the author's organisation: only
whether the item is the viewer's own.

An unsigned item stays anonymous in a cluster of three: nothing read here says when it was shared nor in what order,
unless it is signed or the viewer's own organisation's. Its time is left out (`shared_at` is None), and items come
grouped by session (a module of the training) and theme (the kind: what worked, what was hard), in the order of
their text within a group, never by time. The theme is the kind because it is the one theme every item carries, as
its author chose it; a topic guessed from the text would be a guess, and its wording could single out its author.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import exists, select

from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.feedback.rows import FeedbackActionRow, FeedbackRow


class FeedbackQueries(FeatureQueries):
    def feedback(self, scope: Scope, cluster_id: UUID, session_key: str | None = None) -> list[FeedbackRow]:
        """Visible items for everyone in view; hidden ones too for coaches and admins."""
        items, sessions = self.t.feedback_items, self.t.sessions
        shown = ["visible"] if scope.organisation_id is not None else ["visible", "hidden"]
        about_training = exists().where(
            sessions.c.tenant_id == items.c.tenant_id,
            sessions.c.cluster_id == items.c.cluster_id,
            sessions.c.session_key == items.c.session_key,
            sessions.c.organisation_id.is_(None),
        )
        query = (
            select(items)
            .where(self.visible.rows(scope, items, shared=items.c.status == "visible"))
            .where(items.c.cluster_id == cluster_id, items.c.status.in_(shown), about_training)
            .order_by(items.c.session_key, items.c.kind, items.c.text, items.c.item_id)
        )
        if session_key is not None:
            query = query.where(items.c.session_key == session_key)
        rows = self._all(query)
        history = self._history(scope, cluster_id, [r["item_id"] for r in rows])
        return [
            _feedback(r, mine=scope.organisation_id == r["organisation_id"], history=history.get(r["item_id"], ()))
            for r in rows
        ]

    def _history(
        self, scope: Scope, cluster_id: UUID, item_ids: list[UUID]
    ) -> dict[UUID, tuple[FeedbackActionRow, ...]]:
        """What was done to the items, oldest first, in one read."""
        if not item_ids:
            return {}
        history = self.t.feedback_history
        query = (
            select(history)
            .where(
                self.visible.rows(scope, history), history.c.cluster_id == cluster_id, history.c.item_id.in_(item_ids)
            )
            .order_by(history.c.item_id, history.c.version)
        )
        found: dict[UUID, list[FeedbackActionRow]] = {}
        for r in self._all(query):
            found.setdefault(r["item_id"], []).append(FeedbackActionRow(r["action"], r["reason"], r["acted_at"]))
        return {item_id: tuple(actions) for item_id, actions in found.items()}

    def feedback_item_in_view(self, scope: Scope, cluster_id: UUID, item_id: UUID) -> bool:
        """Whether the item was shared in the cluster and is in view: for a member, the items every member sees
        and its own organisation's (hidden or withdrawn ones included); for coaches and admins, every item."""
        items = self.t.feedback_items
        query = select(items.c.item_id).where(
            self.visible.rows(scope, items, shared=items.c.status == "visible"),
            items.c.cluster_id == cluster_id,
            items.c.item_id == item_id,
        )
        return self._one(query) is not None


def _feedback(r: dict[str, Any], *, mine: bool, history: tuple[FeedbackActionRow, ...]) -> FeedbackRow:
    """The item as the viewer may read it: its time only if signed or the viewer's own."""
    return FeedbackRow(
        r["item_id"],
        r["session_key"],
        r["kind"],
        r["text"],
        r["signed_by"],
        r["status"],
        r["hidden_reason"],
        r["shared_at"] if mine or r["signed_by"] else None,
        mine=mine,
        history=history,
    )
