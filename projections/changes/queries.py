"""An organisation's change log as far as the scope shows it: its own member accounts, the coach of a cluster it
belongs to and the consultancy's admins (the one filter decides, by the tables' `organisation_id`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Select, Table, and_, func, select

from projections.changes.rows import (
    BoardMemberRow,
    ChangeEventRow,
    ChangePageRows,
    ChangeRow,
    ConsentRow,
    StandardChangeRow,
)
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope

NEWEST, OLDEST = "newest", "oldest"


@dataclass(frozen=True)
class ChangeFilter:
    category: str | None = None
    risk: str | None = None
    status: str | None = None
    order: str = NEWEST


class ChangeQueries(FeatureQueries):
    def changes(
        self, scope: Scope, organisation_id: UUID, first: int, after: int | None, given: ChangeFilter
    ) -> ChangePageRows:
        """One page, in the order of the log's numbers (newest first unless asked otherwise); `after` is the number
        the previous page ended with."""
        changes = self.t.changes
        conditions = self._log(scope, organisation_id, given)
        counted = self._one(cast("Select[Any]", select(func.count().label("n")).where(*conditions)))
        newest = given.order == NEWEST
        if after is not None:
            conditions.append(changes.c.number < after if newest else changes.c.number > after)
        ordered = changes.c.number.desc() if newest else changes.c.number.asc()
        rows = [ChangeRow(**r) for r in self._all(self._rows().where(*conditions).order_by(ordered).limit(first + 1))]
        return ChangePageRows(rows[:first], len(rows) > first, (counted or {}).get("n") or 0)

    def whole_log(self, scope: Scope, organisation_id: UUID) -> list[ChangeRow]:
        """Every change, by number: the log as exported."""
        conditions = self._log(scope, organisation_id, ChangeFilter())
        query = self._rows().where(*conditions).order_by(self.t.changes.c.number)
        return [ChangeRow(**r) for r in self._all(query)]

    def change(self, scope: Scope, change_id: UUID) -> ChangeRow | None:
        changes = self.t.changes
        found = self._one(self._rows().where(self.visible.rows(scope, changes), changes.c.change_id == change_id))
        return None if found is None else ChangeRow(**found)

    def history(self, scope: Scope, change_id: UUID) -> list[ChangeEventRow]:
        history, accounts = self.t.change_history, self.t.accounts
        query = (
            select(
                history.c.version,
                history.c.action,
                history.c.details,
                history.c.acted_by,
                accounts.c.display_name.label("actor_name"),
                history.c.acted_at,
            )
            .outerjoin(accounts, self._account(accounts, history, history.c.acted_by))
            .where(self.visible.rows(scope, history), history.c.change_id == change_id)
            .order_by(history.c.version)
        )
        return [ChangeEventRow(**r) for r in self._all(query)]

    def consents(self, scope: Scope, change_id: UUID) -> list[ConsentRow]:
        consents, accounts = self.t.change_consents, self.t.accounts
        query = (
            select(consents.c.member_id, accounts.c.display_name.label("name"), consents.c.consented_on)
            .outerjoin(accounts, self._account(accounts, consents, consents.c.member_id))
            .where(self.visible.rows(scope, consents), consents.c.change_id == change_id)
            .order_by(consents.c.consented_on, accounts.c.display_name)
        )
        return [ConsentRow(**r) for r in self._all(query)]

    def board(self, scope: Scope, organisation_id: UUID) -> list[BoardMemberRow]:
        board, accounts = self.t.change_board_members, self.t.accounts
        query = (
            select(board.c.member_id, accounts.c.display_name.label("name"))
            .outerjoin(accounts, self._account(accounts, board, board.c.member_id))
            .where(self.visible.rows(scope, board), board.c.organisation_id == organisation_id)
            .order_by(accounts.c.display_name, board.c.member_id)
        )
        return [BoardMemberRow(**r) for r in self._all(query)]

    def standard_changes(self, scope: Scope, organisation_id: UUID) -> list[StandardChangeRow]:
        standard = self.t.standard_changes
        query = (
            select(standard.c.standard_change_id, standard.c.title, standard.c.procedure)
            .where(self.visible.rows(scope, standard), standard.c.organisation_id == organisation_id)
            .order_by(standard.c.title, standard.c.standard_change_id)
        )
        return [StandardChangeRow(**r) for r in self._all(query)]

    def _log(self, scope: Scope, organisation_id: UUID, given: ChangeFilter) -> list[ColumnElement[bool]]:
        c = self.t.changes.c
        conditions = [self.visible.rows(scope, self.t.changes), c.organisation_id == organisation_id]
        for column, wanted in (("category", given.category), ("risk", given.risk), ("status", given.status)):
            if wanted is not None:
                conditions.append(c[column] == wanted)
        return conditions

    def _rows(self) -> Select[Any]:
        changes, accounts = self.t.changes, self.t.accounts
        owner, approver = accounts.alias("owner"), accounts.alias("approver")
        columns = [changes.c[name] for name in ChangeRow.__dataclass_fields__ if name in changes.c]
        return (
            select(*columns, owner.c.display_name.label("owner_name"), approver.c.display_name.label("approver_name"))
            .outerjoin(owner, self._account(owner, changes, changes.c.owner_id))
            .outerjoin(approver, self._account(approver, changes, changes.c.approver_id))
        )

    @staticmethod
    def _account(accounts: Any, table: Table, account_id: ColumnElement[Any]) -> ColumnElement[bool]:
        return and_(accounts.c.tenant_id == table.c.tenant_id, accounts.c.account_id == account_id)
