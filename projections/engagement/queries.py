"""Each member's coaching ledger and the overrides of its ceiling, as far as the scope shows them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Select, and_, select

from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.engagement.rows import CoachingCorrectionRow, CoachingRow, OverrideRow


class EngagementQueries(FeatureQueries):
    def coaching_half_days(self, scope: Scope, cluster_id: UUID, organisation_id: UUID) -> list[CoachingRow]:
        coaching = self.t.coaching_half_days
        query = self._coaching_query(scope, cluster_id).where(coaching.c.organisation_id == organisation_id)
        return [_coaching(row) for row in self._all(query)]

    def coaching_half_days_by_member(self, scope: Scope, cluster_id: UUID) -> dict[UUID, list[CoachingRow]]:
        """Every member's coaching ledger in view, in one query: a page showing all members reads them once."""
        by_member: dict[UUID, list[CoachingRow]] = {}
        for row in self._all(*self._prepared.get("coaching", scope, self._coaching_query, cluster_id=cluster_id)):
            by_member.setdefault(row["organisation_id"], []).append(_coaching(row))
        return by_member

    def _coaching_query(self, scope: Scope, cluster_id: UUID) -> Select[Any]:
        coaching, accounts = self.t.coaching_half_days, self.t.accounts
        return (
            select(*(coaching.c[name] for name in _COACHING_COLUMNS), accounts.c.display_name.label("coach_name"))
            .join(
                accounts,
                and_(accounts.c.tenant_id == coaching.c.tenant_id, accounts.c.account_id == coaching.c.coach_id),
            )
            .where(self.visible.rows(scope, coaching), coaching.c.cluster_id == cluster_id)
            .order_by(coaching.c.organisation_id, coaching.c.entry_number)
        )

    def coaching_corrections(
        self, scope: Scope, cluster_id: UUID, organisation_id: UUID
    ) -> list[CoachingCorrectionRow]:
        """The corrections and voids of a member's ledger entries, in the order they were made."""
        history, accounts = self.t.coaching_entry_history, self.t.accounts
        acted_by = and_(accounts.c.tenant_id == history.c.tenant_id, accounts.c.account_id == history.c.acted_by)
        query = (
            select(*(history.c[name] for name in _CORRECTION_COLUMNS), accounts.c.display_name)
            .outerjoin(accounts, acted_by)
            .where(self.visible.rows(scope, history), history.c.cluster_id == cluster_id)
            .where(history.c.organisation_id == organisation_id)
            .order_by(history.c.version)
        )
        return [_correction(row) for row in self._all(query)]

    def overrides(self, scope: Scope, cluster_id: UUID, organisation_id: UUID) -> list[OverrideRow]:
        overrides = self.t.coaching_overrides
        query = self._overrides_query(scope, cluster_id).where(overrides.c.organisation_id == organisation_id)
        return [_override(row) for row in self._all(query)]

    def overrides_by_member(self, scope: Scope, cluster_id: UUID) -> dict[UUID, list[OverrideRow]]:
        """Every member's ceiling overrides in view, in one query, each member's in order."""
        by_member: dict[UUID, list[OverrideRow]] = {}
        query, parameters = self._prepared.get("overrides", scope, self._overrides_query, cluster_id=cluster_id)
        for row in self._all(query, parameters):
            by_member.setdefault(row["organisation_id"], []).append(_override(row))
        return by_member

    def _overrides_query(self, scope: Scope, cluster_id: UUID) -> Select[Any]:
        overrides, accounts = self.t.coaching_overrides, self.t.accounts
        return (
            select(overrides, accounts.c.display_name)
            .join(
                accounts,
                and_(accounts.c.tenant_id == overrides.c.tenant_id, accounts.c.account_id == overrides.c.decided_by),
            )
            .where(self.visible.rows(scope, overrides), overrides.c.cluster_id == cluster_id)
            .order_by(overrides.c.organisation_id, overrides.c.decided_at)
        )


_COACHING_COLUMNS = (
    "organisation_id",
    "entry_number",
    "held_on",
    "coach_id",
    "module_number",
    "work_done",
    "next_steps",
    "logged_at",
)
"""What a coaching row shows: not the keys the query filters on, nor who logged it; when, for history."""


_CORRECTION_COLUMNS = (
    "entry_number",
    "action",
    "reason",
    "acted_at",
    "module_number",
    "held_on",
    "work_done",
    "next_steps",
    "corrected_held_on",
    "corrected_work_done",
    "corrected_next_steps",
)


def _correction(r: dict[str, Any]) -> CoachingCorrectionRow:
    return CoachingCorrectionRow(**{name: r[name] for name in _CORRECTION_COLUMNS}, acted_by=r["display_name"])


def _coaching(r: dict[str, Any]) -> CoachingRow:
    names = ("entry_number", "held_on", "coach_id", "coach_name", "module_number", "work_done", "next_steps")
    logged_at = r.get("logged_at")
    if isinstance(logged_at, datetime) and logged_at.tzinfo is None:
        logged_at = logged_at.replace(tzinfo=UTC)  # SQLite keeps no zone: the time was stored in UTC
    return CoachingRow(**{name: r[name] for name in names}, logged_at=logged_at)


def _override(r: dict[str, Any]) -> OverrideRow:
    return OverrideRow(r["decided_at"], r["additional_half_days"], r["reason"], r["display_name"])
