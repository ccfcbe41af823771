"""An organisation's management reviews, as far as the scope shows them: its own member accounts, the coach of a
cluster it belongs to and the consultancy's admins (the one visibility filter, by the tables' `organisation_id`)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Table, select, tuple_

from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.reviews.rows import ActionRow, DecisionRow, InputRow, ReviewDetail, ReviewRow


class ReviewQueries(FeatureQueries):
    def reviews(
        self, scope: Scope, organisation_id: UUID, first: int, after: tuple[str, UUID] | None,
        status: str | None, newest_first: bool = True,
    ) -> list[ReviewRow]:  # fmt: skip
        """By date of the meeting (newest first, or oldest), then id; `after` is the keyset of the last one seen."""
        r = self.t.management_reviews
        query = select(r).where(self.visible.rows(scope, r), r.c.organisation_id == organisation_id)
        if status is not None:
            query = query.where(r.c.status == status)
        key = tuple_(r.c.held_on, r.c.review_id)
        if after is not None:
            seen = tuple_(date.fromisoformat(after[0]), after[1])
            query = query.where(key < seen if newest_first else key > seen)
        order = (r.c.held_on.desc(), r.c.review_id.desc()) if newest_first else (r.c.held_on, r.c.review_id)
        return [_review(row) for row in self._all(query.order_by(*order).limit(first))]

    def review(self, scope: Scope, review_id: UUID) -> ReviewRow | None:
        r = self.t.management_reviews
        row = self._one(select(r).where(self.visible.rows(scope, r), r.c.review_id == review_id))
        return None if row is None else _review(row)

    def detail(self, scope: Scope, review_id: UUID) -> ReviewDetail | None:
        """The review with its inputs as gathered, opportunities, decisions and actions, each in their order."""
        review = self.review(scope, review_id)
        if review is None:
            return None
        t = self.t
        inputs = [
            InputRow(r["key"], r["title"], bool(r["recorded"]), tuple(json.loads(r["lines"])))
            for r in self._children(scope, t.management_review_inputs, review_id, "position")
        ]
        opportunities = [
            r["text"] for r in self._children(scope, t.management_review_opportunities, review_id, "position")
        ]
        decisions = [
            DecisionRow(r["number"], r["text"], r["how_reached"], r["resources"], r["correction_reason"])
            for r in self._children(scope, t.management_review_decisions, review_id, "number")
        ]
        actions = [_action(r) for r in self._children(scope, t.management_review_actions, review_id, "number")]
        return ReviewDetail(review, tuple(inputs), tuple(opportunities), tuple(decisions), tuple(actions))

    def earlier_actions(self, scope: Scope, organisation_id: UUID, review_id: UUID) -> list[ActionRow]:
        """The actions decided by the organisation's other reviews held before this one, by due date."""
        a, r = self.t.management_review_actions, self.t.management_reviews
        this = select(r.c.held_on).where(r.c.tenant_id == scope.tenant_id, r.c.review_id == review_id)
        query = select(a).where(
            self.visible.rows(scope, a), a.c.organisation_id == organisation_id, a.c.review_id != review_id,
            a.c.held_on <= this.scalar_subquery(),
        )  # fmt: skip
        return [_action(row) for row in self._all(query.order_by(a.c.due_on, a.c.review_id, a.c.number))]

    def previous_held_on(self, scope: Scope, organisation_id: UUID, review_id: UUID) -> date | None:
        """The date of the organisation's latest other review held on or before this one's date."""
        r = self.t.management_reviews
        this = select(r.c.held_on).where(r.c.tenant_id == scope.tenant_id, r.c.review_id == review_id)
        query = select(r.c.held_on).where(
            self.visible.rows(scope, r), r.c.organisation_id == organisation_id, r.c.review_id != review_id,
            r.c.status != "planned", r.c.held_on <= this.scalar_subquery(),
        )  # fmt: skip
        found = self._one(query.order_by(r.c.held_on.desc()).limit(1))
        return None if found is None else found["held_on"]

    def _children(self, scope: Scope, table: Table, review_id: UUID, order: str) -> list[dict[str, Any]]:
        query = select(table).where(self.visible.rows(scope, table), table.c.review_id == review_id)
        return self._all(query.order_by(table.c[order]))


def _review(row: dict[str, Any]) -> ReviewRow:
    return ReviewRow(
        row["review_id"], row["organisation_id"], row["held_on"], row["chair"], tuple(json.loads(row["attendees"])),
        row["status"], row["gathered_on"], row["decisions"], row["closed_at"], row["changed_at"],
    )  # fmt: skip


def _action(row: dict[str, Any]) -> ActionRow:
    return ActionRow(
        row["review_id"], row["number"], row["decision"], row["held_on"], row["title"], row["owner"],
        row["due_on"], row["status"], row["note"],
    )  # fmt: skip
