"""An organisation's nonconformities, as far as the scope shows them: its own members, the coach of a cluster it
belongs to and the consultancy's admins (the one filter decides, by the tables' `organisation_id`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, func, or_, select

from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.nonconformities.rows import (
    CorrectiveActionRow,
    NonconformityEventRow,
    NonconformityPageRows,
    NonconformityRow,
)

BY_TITLE, BY_DUE = "title", "due"
NO_DUE = date(9999, 12, 31)
"""Where a nonconformity without an open action sorts when sorted by due date: last."""


@dataclass(frozen=True)
class NonconformityFilter:
    status: str | None = None
    severity: str | None = None
    source_kind: str | None = None
    overdue_on: date | None = None
    """Only those with an action not completed by its due date, before this day."""
    order: str = BY_TITLE


@dataclass(frozen=True)
class NonconformityKey:
    value: str
    nonconformity_id: UUID


class NonconformityQueries(FeatureQueries):
    def nonconformities(
        self,
        scope: Scope,
        organisation_id: UUID,
        first: int,
        after: NonconformityKey | None,
        given: NonconformityFilter,
    ) -> NonconformityPageRows:
        ncs = self.t.nonconformities
        conditions = [self.visible.rows(scope, ncs), ncs.c.organisation_id == organisation_id, *self._filters(given)]
        total = self._one(select(func.count().label("n")).where(*conditions)) or {}
        sort = ncs.c.sort_title if given.order == BY_TITLE else func.coalesce(ncs.c.earliest_due_on, NO_DUE)
        if after is not None:
            value: Any = after.value if given.order == BY_TITLE else date.fromisoformat(after.value)
            conditions.append(or_(sort > value, and_(sort == value, ncs.c.nonconformity_id > after.nonconformity_id)))
        query = select(*_columns(ncs)).where(*conditions).order_by(sort, ncs.c.nonconformity_id).limit(first + 1)
        rows = [NonconformityRow(**row) for row in self._all(query)]
        return NonconformityPageRows(rows[:first], len(rows) > first, total.get("n") or 0)

    def key_of(self, row: NonconformityRow, order: str) -> NonconformityKey:
        if order == BY_TITLE:
            return NonconformityKey(row.sort_title, row.nonconformity_id)
        return NonconformityKey((row.earliest_due_on or NO_DUE).isoformat(), row.nonconformity_id)

    def nonconformity(self, scope: Scope, nonconformity_id: UUID) -> NonconformityRow | None:
        ncs = self.t.nonconformities
        row = self._one(
            select(*_columns(ncs)).where(self.visible.rows(scope, ncs), ncs.c.nonconformity_id == nonconformity_id)
        )
        return None if row is None else NonconformityRow(**row)

    def actions(self, scope: Scope, nonconformity_id: UUID) -> list[CorrectiveActionRow]:
        return self._actions(scope, self.t.corrective_actions.c.nonconformity_id == nonconformity_id)

    def organisation_actions(self, scope: Scope, organisation_id: UUID) -> dict[UUID, list[CorrectiveActionRow]]:
        """Every corrective action of the organisation's nonconformities, by nonconformity, each in its order."""
        found: dict[UUID, list[CorrectiveActionRow]] = {}
        for action in self._actions(scope, self.t.corrective_actions.c.organisation_id == organisation_id):
            found.setdefault(action.nonconformity_id, []).append(action)
        return found

    def _actions(self, scope: Scope, which: ColumnElement[bool]) -> list[CorrectiveActionRow]:
        actions, accounts = self.t.corrective_actions, self.t.accounts
        verifiers = accounts.alias("verifiers")
        query = (
            select(
                *(actions.c[name] for name in CorrectiveActionRow.__dataclass_fields__ if not name.endswith("_name")),
                accounts.c.display_name.label("owner_name"),
                verifiers.c.display_name.label("verifier_name"),
            )
            .outerjoin(accounts, _account(accounts, actions.c.tenant_id, actions.c.owner_id))
            .outerjoin(verifiers, _account(verifiers, actions.c.tenant_id, actions.c.verified_by))
            .where(self.visible.rows(scope, actions), which)
            .order_by(actions.c.nonconformity_id, actions.c.position)
        )
        return [
            CorrectiveActionRow(**{**row, "effective": None if row["effective"] is None else bool(row["effective"])})
            for row in self._all(query)
        ]

    def history(self, scope: Scope, nonconformity_id: UUID) -> list[NonconformityEventRow]:
        history, accounts = self.t.nonconformity_history, self.t.accounts
        query = (
            select(history.c.action, history.c.details, history.c.acted_at, accounts.c.display_name)
            .outerjoin(accounts, _account(accounts, history.c.tenant_id, history.c.acted_by))
            .where(self.visible.rows(scope, history), history.c.nonconformity_id == nonconformity_id)
            .order_by(history.c.version)
        )
        return [
            NonconformityEventRow(row["action"], row["details"], row["display_name"], row["acted_at"])
            for row in self._all(query)
        ]

    def _filters(self, given: NonconformityFilter) -> list[ColumnElement[bool]]:
        ncs = self.t.nonconformities
        found: list[ColumnElement[bool]] = []
        if given.status is not None:
            found.append(ncs.c.status == given.status)
        if given.severity is not None:
            found.append(ncs.c.severity == given.severity)
        if given.source_kind is not None:
            found.append(ncs.c.source_kind == given.source_kind)
        if given.overdue_on is not None:
            found.append(ncs.c.earliest_due_on < given.overdue_on)
        return found


def _columns(ncs: Any) -> tuple[Any, ...]:
    return tuple(ncs.c[name] for name in NonconformityRow.__dataclass_fields__)


def _account(accounts: Any, tenant_id: Any, account_id: Any) -> ColumnElement[bool]:
    return and_(accounts.c.tenant_id == tenant_id, accounts.c.account_id == account_id)
