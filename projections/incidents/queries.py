"""An organisation's incidents, as far as the scope shows it: its own members, the coach of a cluster it belongs to
and the consultancy's admins (the one filter decides, by the tables' `organisation_id`). Breaches are measured
against `now`, which the caller states: the read side reads no clock."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, DateTime, and_, case, func, literal, or_, select, tuple_

from domain.incidents.rules import OUTAGE_SEVERITIES, SEVERITIES, TARGETS, availability_percent
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.incidents.epoch import epoch_seconds
from projections.incidents.rows import (
    IncidentDetailRows,
    IncidentPageRows,
    IncidentRow,
    IncidentStepRow,
    MonitoringSender,
    MonitoringTokenRow,
    ServiceLevelsRow,
    ServiceReportRow,
    SeverityCount,
    TargetsRow,
)

LATEST, BY_SEVERITY, BY_TITLE = "latest", "severity", "title"
ORDERS = (LATEST, BY_SEVERITY, BY_TITLE)


@dataclass(frozen=True)
class IncidentFilter:
    severity: str | None = None
    status: str | None = None
    breached: bool | None = None
    service: str | None = None
    order: str = LATEST


@dataclass(frozen=True)
class MonthKey:
    """Where a page of a monthly report's incidents ends: the time reported and the id."""

    reported_at: datetime
    incident_id: UUID


@dataclass(frozen=True)
class IncidentKey:
    """Where a page ends, in the order asked for: the keyset cursor's content."""

    severity_rank: int
    reported_at: datetime
    sort_title: str
    incident_id: UUID


class IncidentQueries(FeatureQueries):
    def incidents(
        self,
        scope: Scope,
        organisation_id: UUID,
        now: datetime,
        first: int,
        after: IncidentKey | None,
        given: IncidentFilter,
    ) -> IncidentPageRows:
        c = self.t.incidents.c
        conditions = [self.visible.rows(scope, self.t.incidents), c.organisation_id == organisation_id]
        conditions += self._filters(given, now)
        if given.order == BY_SEVERITY:
            keys: list[Any] = [c.severity_rank, c.reported_at.desc(), c.incident_id]
        elif given.order == BY_TITLE:
            keys = [c.sort_title, c.incident_id]
        else:
            keys = [c.reported_at.desc(), c.incident_id.desc()]
        if after is not None:
            conditions.append(_after(c, given.order, after))
        query = select(*self._columns(now)).where(*conditions).order_by(*keys).limit(first + 1)
        rows = [_incident(r) for r in self._all(query)]
        return IncidentPageRows(rows[:first], len(rows) > first)

    def incident(self, scope: Scope, incident_id: UUID, now: datetime) -> IncidentDetailRows | None:
        incidents = self.t.incidents
        query = select(*self._columns(now)).where(
            self.visible.rows(scope, incidents), incidents.c.incident_id == incident_id
        )
        found = self._one(query)
        if found is None:
            return None
        steps_table, links = self.t.incident_steps, self.t.incident_links
        steps = self._all(
            select(*(steps_table.c[n] for n in (*STEP_COLUMNS, "recorded_at")))
            .where(self.visible.rows(scope, steps_table), steps_table.c.incident_id == incident_id)
            .order_by(steps_table.c.position)
        )
        linked = self._all(
            select(links.c.kind, links.c.linked_id)
            .where(self.visible.rows(scope, links), links.c.incident_id == incident_id)
            .order_by(links.c.kind, links.c.linked_id)
        )
        return IncidentDetailRows(
            _incident(found),
            [IncidentStepRow(**{k: _utc(v) for k, v in s.items()}) for s in steps],
            [r["linked_id"] for r in linked if r["kind"] == "asset"],
            [r["linked_id"] for r in linked if r["kind"] == "risk"],
        )

    def open_incident_of_monitor(self, scope: Scope, organisation_id: UUID, monitor_key: str) -> UUID | None:
        """The open incident a monitoring alert of this host and service updates, if any."""
        c = self.t.incidents.c
        found = self._one(
            select(c.incident_id)
            .where(
                self.visible.rows(scope, self.t.incidents),
                c.organisation_id == organisation_id,
                c.monitor_key == monitor_key,
                c.open == 1,
            )
            .order_by(c.reported_at.desc())
            .limit(1)
        )
        return None if found is None else found["incident_id"]

    def monitoring_sender(self, key_hash: str) -> MonitoringSender | None:
        """The organisation a monitoring token that hashes to this belongs to, while it is not revoked: global by
        design (the token is the only credential of an alert), read by the monitoring endpoint only."""
        c = self.t.monitoring_tokens.c
        row = self._one(
            select(c.tenant_id, c.organisation_id, c.token_id).where(c.key_hash == key_hash, c.revoked_at.is_(None))
        )
        return None if row is None else MonitoringSender(row["tenant_id"], row["organisation_id"], row["token_id"])

    def monitoring_tokens(self, scope: Scope, organisation_id: UUID) -> list[MonitoringTokenRow]:
        tokens = self.t.monitoring_tokens
        c = tokens.c
        query = (
            select(c.token_id, c.organisation_id, c.label, c.issued_by, c.issued_at, c.revoked_by, c.revoked_at)
            .where(self.visible.rows(scope, tokens), c.organisation_id == organisation_id)
            .order_by(c.issued_at.desc(), c.token_id)
        )
        return [MonitoringTokenRow(**{k: _utc(v) for k, v in r.items()}) for r in self._all(query)]

    def service_levels(self, scope: Scope, organisation_id: UUID) -> ServiceLevelsRow | None:
        levels = self.t.service_levels
        mine = [self.visible.rows(scope, levels), levels.c.organisation_id == organisation_id]
        rows = self._all(select(levels).where(*mine).order_by(levels.c.version.desc()).limit(len(SEVERITIES)))
        if not rows:
            return None
        latest = rows[0]["version"]
        current = sorted((r for r in rows if r["version"] == latest), key=lambda r: SEVERITIES.index(r["severity"]))
        targets = [
            TargetsRow(r["severity"], r["reaction_minutes"], r["escalation_minutes"], r["recovery_minutes"])
            for r in current
        ]
        first = current[0]
        agreed_at = _utc(first["agreed_at"])
        return ServiceLevelsRow(organisation_id, latest, first["agreed_by"], agreed_at, first["reason"], targets)

    def services(self, scope: Scope, organisation_id: UUID) -> list[str]:
        c = self.t.incidents.c
        query = (
            select(c.service)
            .where(self.visible.rows(scope, self.t.incidents), c.organisation_id == organisation_id)
            .group_by(c.service)
            .order_by(c.service)
        )
        return [r["service"] for r in self._all(query)]

    def monthly_report(
        self, scope: Scope, organisation_id: UUID, service: str, start: datetime, end: datetime, now: datetime
    ) -> ServiceReportRow:
        """The service's month [start, end) with every incident reported in it, for the downloads; the API and the
        page take the figures (`monthly_figures`) and the incidents by page (`month_incidents`)."""
        figures = self.monthly_figures(scope, organisation_id, service, start, end, now)
        c = self.t.incidents.c
        query = (
            select(*self._columns(now))
            .where(*self._month(scope, organisation_id, service, start, end))
            .order_by(c.reported_at, c.incident_id)
        )
        return replace(figures, incidents=[_incident(r) for r in self._all(query)])

    def monthly_figures(
        self, scope: Scope, organisation_id: UUID, service: str, start: datetime, end: datetime, now: datetime
    ) -> ServiceReportRow:
        """The service's month [start, end), computed by the database: its availability (critical and high
        incidents are outages, from their report to their restoration, or to `now` while open; overlaps count once),
        its incidents reported in the month by severity, and the targets they missed. No incident is read into
        Python: the answer's `incidents` is empty."""
        measured_end = min(end, max(now, start))
        outage = self._outage_seconds(scope, organisation_id, service, start, measured_end) / 60
        c = self.t.incidents.c
        flags = [case((_breach(c, target, now), 1), else_=0) for target in TARGETS]
        counted = self._all(
            select(c.severity, func.count().label("n"), func.sum(sum(flags[1:], flags[0])).label("missed"))
            .where(*self._month(scope, organisation_id, service, start, end))
            .group_by(c.severity)
        )
        found = {r["severity"]: (int(r["n"]), int(r["missed"] or 0)) for r in counted}
        counts = [SeverityCount(s, *found.get(s, (0, 0))) for s in SEVERITIES]
        return ServiceReportRow(
            organisation_id,
            service,
            start,
            end,
            availability_percent(outage, start, measured_end),
            round(outage, 1),
            counts,
            sum(count.missed for count in counts),
            [],
        )

    def month_incidents(
        self,
        scope: Scope,
        organisation_id: UUID,
        service: str,
        start: datetime,
        end: datetime,
        now: datetime,
        first: int,
        after: MonthKey | None,
    ) -> IncidentPageRows:
        """The incidents of the service reported in the month, oldest first, by page (keyset: time reported, id)."""
        c = self.t.incidents.c
        conditions = self._month(scope, organisation_id, service, start, end)
        if after is not None:
            conditions.append(tuple_(c.reported_at, c.incident_id) > tuple_(after.reported_at, after.incident_id))
        query = select(*self._columns(now)).where(*conditions).order_by(c.reported_at, c.incident_id).limit(first + 1)
        rows = [_incident(r) for r in self._all(query)]
        return IncidentPageRows(rows[:first], len(rows) > first)

    def _month(
        self, scope: Scope, organisation_id: UUID, service: str, start: datetime, end: datetime
    ) -> list[ColumnElement[bool]]:
        c = self.t.incidents.c
        return [
            self.visible.rows(scope, self.t.incidents),
            c.organisation_id == organisation_id,
            c.service == service,
            c.reported_at >= start,
            c.reported_at < end,
        ]

    def _outage_seconds(
        self, scope: Scope, organisation_id: UUID, service: str, start: datetime, end: datetime
    ) -> float:
        """Seconds within [start, end) covered by the service's critical and high incidents, overlaps once: the
        periods, clipped to the window and ordered by their start, each add what reaches past every earlier one."""
        c = self.t.incidents.c
        low, high = literal(start, DateTime(timezone=True)), literal(end, DateTime(timezone=True))
        began = epoch_seconds(c.reported_at)
        ended = epoch_seconds(func.coalesce(c.recovery_met_at, high))
        window_start, window_end = epoch_seconds(low), epoch_seconds(high)
        periods = (
            select(
                case((began > window_start, began), else_=window_start).label("s"),
                case((ended < window_end, ended), else_=window_end).label("e"),
            )
            .where(
                self.visible.rows(scope, self.t.incidents),
                c.organisation_id == organisation_id,
                c.service == service,
                c.severity.in_(sorted(OUTAGE_SEVERITIES)),
                c.reported_at < high,
                or_(c.recovery_met_at.is_(None), c.recovery_met_at > low),
            )
            .subquery("periods")
        )
        reach = func.max(periods.c.e).over(order_by=(periods.c.s, periods.c.e), rows=(None, -1)).label("reach")
        ordered = select(periods.c.s, periods.c.e, reach).where(periods.c.e > periods.c.s).subquery("ordered")
        o = ordered.c
        begins = case((and_(o.reach.is_not(None), o.reach > o.s), o.reach), else_=o.s)
        adds = case((o.e > begins, o.e - begins), else_=0.0)
        found = self._one(select(func.coalesce(func.sum(adds), 0.0).label("seconds")))
        return float(found["seconds"]) if found else 0.0

    def _columns(self, now: datetime) -> list[Any]:
        incidents = self.t.incidents
        flags = [_breach(incidents.c, target, now).label(f"breached_{target}") for target in TARGETS]
        return [*incidents.c, *flags]

    def _filters(self, given: IncidentFilter, now: datetime) -> list[ColumnElement[bool]]:
        c = self.t.incidents.c
        found: list[ColumnElement[bool]] = []
        if given.severity is not None:
            found.append(c.severity == given.severity)
        if given.status is not None:
            found.append(c.status == given.status)
        if given.service is not None:
            found.append(c.service == given.service)
        if given.breached is not None:
            any_breach = or_(*(_breach(c, target, now) for target in TARGETS))
            found.append(any_breach if given.breached else ~any_breach)
        return found


def _breach(c: Any, target: str, now: datetime) -> ColumnElement[bool]:
    """Breached once met late, or, while not met, as soon as its time has passed (`rules.breached`)."""
    due, met = c[f"{target}_due_at"], c[f"{target}_met_at"]
    return and_(due.is_not(None), or_(and_(met.is_(None), due < now), met > due))


def _after(c: Any, order: str, key: IncidentKey) -> ColumnElement[bool]:
    if order == BY_SEVERITY:
        return or_(
            c.severity_rank > key.severity_rank,
            and_(c.severity_rank == key.severity_rank, c.reported_at < key.reported_at),
            and_(
                c.severity_rank == key.severity_rank,
                c.reported_at == key.reported_at,
                c.incident_id > key.incident_id,
            ),
        )
    if order == BY_TITLE:
        return tuple_(c.sort_title, c.incident_id) > tuple_(key.sort_title, key.incident_id)
    return or_(c.reported_at < key.reported_at, and_(c.reported_at == key.reported_at, c.incident_id < key.incident_id))


STEP_COLUMNS = ("position", "step", "level", "handled_by", "at", "note", "actor_id")


def _utc(value: Any) -> Any:
    """SQLite gives back the stored UTC times without their zone."""
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) and value.tzinfo is None else value


_ROW_FIELDS = tuple(f.name for f in fields(IncidentRow) if f.name != "breached")
_TIMES = tuple(name for name in _ROW_FIELDS if name.endswith("_at"))
_BREACHES = tuple((target, f"breached_{target}") for target in TARGETS)


def _incident(row: dict[str, Any]) -> IncidentRow:
    """The read row; a monthly report builds a thousand of them, so only the time columns are touched."""
    values = {name: row[name] for name in _ROW_FIELDS}
    for name in _TIMES:
        value = values[name]
        if value is not None and value.tzinfo is None:
            values[name] = value.replace(tzinfo=UTC)
    return IncidentRow(**values, breached=tuple(target for target, flag in _BREACHES if row[flag]))
