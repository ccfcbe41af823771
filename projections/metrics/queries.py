"""An organisation's metrics and measurements, as far as the scope shows them: its own members, the coach of a
cluster it belongs to and the consultancy's admins (the one filter decides, by the tables' `organisation_id`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select

from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.metrics.rows import MeasurementRow, MetricEventRow, MetricPageRows, MetricRow, MetricSummary

BY_NAME, BY_DUE = "name", "due"


@dataclass(frozen=True)
class MetricFilter:
    status: str | None = None
    missed: bool = False
    """Only those whose latest measurement missed its target."""
    overdue_on: date | None = None
    """Only those kept and not measured again by their frequency, before this day."""
    owner_id: UUID | None = None
    order: str = BY_NAME


@dataclass(frozen=True)
class MetricKey:
    value: str
    metric_id: UUID


class MetricQueries(FeatureQueries):
    def metrics(
        self, scope: Scope, organisation_id: UUID, first: int, after: MetricKey | None, given: MetricFilter
    ) -> MetricPageRows:
        metrics = self.t.metrics
        conditions = [self.visible.rows(scope, metrics), metrics.c.organisation_id == organisation_id]
        conditions += self._filters(given)
        total = self._one(select(func.count().label("n")).where(*conditions)) or {}
        sort = metrics.c.sort_name if given.order == BY_NAME else metrics.c.next_due_on
        if after is not None:
            value: Any = after.value if given.order == BY_NAME else date.fromisoformat(after.value)
            conditions.append(or_(sort > value, and_(sort == value, metrics.c.metric_id > after.metric_id)))
        query = self._selected().where(*conditions).order_by(sort, metrics.c.metric_id).limit(first + 1)
        rows = [MetricRow(**row) for row in self._all(query)]
        return MetricPageRows(rows[:first], len(rows) > first, total.get("n") or 0)

    def key_of(self, row: MetricRow, order: str) -> MetricKey:
        return MetricKey(row.sort_name if order == BY_NAME else row.next_due_on.isoformat(), row.metric_id)

    def metric(self, scope: Scope, metric_id: UUID) -> MetricRow | None:
        metrics = self.t.metrics
        row = self._one(self._selected().where(self.visible.rows(scope, metrics), metrics.c.metric_id == metric_id))
        return None if row is None else MetricRow(**row)

    def latest_results(self, scope: Scope, organisation_id: UUID, limit: int = 200) -> list[MetricRow]:
        """The organisation's kept metrics by name, each with its latest measurement (if any)."""
        metrics = self.t.metrics
        query = (
            self._selected()
            .where(
                self.visible.rows(scope, metrics),
                metrics.c.organisation_id == organisation_id,
                metrics.c.status == "active",
            )
            .order_by(metrics.c.sort_name, metrics.c.metric_id)
            .limit(limit)
        )
        return [MetricRow(**row) for row in self._all(query)]

    def all_metrics(self, scope: Scope, organisation_id: UUID) -> list[MetricRow]:
        """Every metric of the organisation, kept or retired, by name: for the download."""
        metrics = self.t.metrics
        query = (
            self._selected()
            .where(self.visible.rows(scope, metrics), metrics.c.organisation_id == organisation_id)
            .order_by(metrics.c.sort_name, metrics.c.metric_id)
        )
        return [MetricRow(**row) for row in self._all(query)]

    def summary(self, scope: Scope, organisation_id: UUID, today: date) -> MetricSummary:
        """One statement, built once per kind of scope: readiness reads it for every member of a cluster."""
        query, parameters = self._prepared.get(
            "metrics_summary", scope, self._summary_query, organisation_id=organisation_id, today=today
        )
        return _metric_summary(self._one(query, parameters) or {})

    def summaries(self, scope: Scope, organisation_ids: list[UUID], today: date) -> dict[UUID, MetricSummary]:
        """`summary` of several organisations, in one statement (a cluster's dashboard reads every member's)."""
        rows = self._per_organisation(
            "metrics_summaries", scope, self._summary_query, organisation_ids, True, today=today
        )
        found = {row["of_organisation"]: _metric_summary(row) for row in rows}
        return {organisation: found.get(organisation, _metric_summary({})) for organisation in organisation_ids}

    def _summary_query(self, scope: Scope, organisation_id: Any, today: Any) -> Select[Any]:
        metrics = self.t.metrics
        return select(
            func.count().label("metrics"),
            func.count(metrics.c.last_measured_on).label("measured"),
            func.coalesce(func.sum(case((metrics.c.last_met == 0, 1), else_=0)), 0).label("missed"),
            func.coalesce(func.sum(case((metrics.c.next_due_on < today, 1), else_=0)), 0).label("overdue"),
        ).where(
            self.visible.rows(scope, metrics),
            metrics.c.organisation_id == organisation_id,
            metrics.c.status == "active",
        )

    def measurements(self, scope: Scope, metric_id: UUID) -> list[MeasurementRow]:
        """Oldest first, as the chart draws them."""
        taken = self.t.metric_measurements
        query = (
            select(*(taken.c[name] for name in MeasurementRow.__dataclass_fields__))
            .where(self.visible.rows(scope, taken), taken.c.metric_id == metric_id)
            .order_by(taken.c.measured_on)
        )
        return [MeasurementRow(**{**row, "met": bool(row["met"])}) for row in self._all(query)]

    def measurements_of(self, scope: Scope, organisation_id: UUID) -> list[MeasurementRow]:
        """Every measurement of the organisation's metrics, by metric then date: for the download."""
        taken = self.t.metric_measurements
        query = (
            select(*(taken.c[name] for name in MeasurementRow.__dataclass_fields__))
            .where(self.visible.rows(scope, taken), taken.c.organisation_id == organisation_id)
            .order_by(taken.c.metric_id, taken.c.measured_on)
        )
        return [MeasurementRow(**{**row, "met": bool(row["met"])}) for row in self._all(query)]

    def history(self, scope: Scope, metric_id: UUID) -> list[MetricEventRow]:
        history, accounts = self.t.metric_history, self.t.accounts
        query = (
            select(history.c.action, history.c.details, history.c.acted_at, accounts.c.display_name)
            .outerjoin(accounts, _account(accounts, history.c.tenant_id, history.c.acted_by))
            .where(self.visible.rows(scope, history), history.c.metric_id == metric_id)
            .order_by(history.c.version)
        )
        return [MetricEventRow(row["action"], row["details"], row["display_name"], row["acted_at"])
                for row in self._all(query)]  # fmt: skip

    def _selected(self) -> Select[Any]:
        metrics, accounts = self.t.metrics, self.t.accounts
        evaluators = accounts.alias("evaluators")
        own = (name for name in MetricRow.__dataclass_fields__ if name not in {"owner_name", "evaluator_name"})
        return (
            select(
                *(metrics.c[name] for name in own),
                accounts.c.display_name.label("owner_name"),
                evaluators.c.display_name.label("evaluator_name"),
            )
            .outerjoin(accounts, _account(accounts, metrics.c.tenant_id, metrics.c.owner_id))
            .outerjoin(evaluators, _account(evaluators, metrics.c.tenant_id, metrics.c.evaluator_id))
        )

    def _filters(self, given: MetricFilter) -> list[ColumnElement[bool]]:
        metrics = self.t.metrics
        found: list[ColumnElement[bool]] = []
        if given.status is not None:
            found.append(metrics.c.status == given.status)
        if given.missed:
            found.append(metrics.c.last_met == 0)
        if given.overdue_on is not None:
            found += [metrics.c.status == "active", metrics.c.next_due_on < given.overdue_on]
        if given.owner_id is not None:
            found.append(metrics.c.owner_id == given.owner_id)
        return found


def _account(accounts: Any, tenant_id: Any, account_id: Any) -> ColumnElement[bool]:
    return and_(accounts.c.tenant_id == tenant_id, accounts.c.account_id == account_id)


def _metric_summary(found: dict[str, Any]) -> MetricSummary:
    return MetricSummary(
        int(found.get("metrics") or 0),
        int(found.get("measured") or 0),
        int(found.get("missed") or 0),
        int(found.get("overdue") or 0),
    )
