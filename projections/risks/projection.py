"""The risk register: one row per risk, its assets and chosen controls, what was done to it; the reviews, the
treatment plan's actions, the objectives, and the consultancy's method versions."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, select, update
from sqlalchemy.sql.dml import Update

from domain.risks.method import RiskMethods
from domain.risks.plan import RiskReview, SecurityObjective, TreatmentAction
from domain.risks.risk import Risk
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter

ASSESSED = ("likelihood", "impact", "level", "level_label", "rank", "method_version", "management_decided")
TREATED = (
    "option",
    "residual_likelihood",
    "residual_impact",
    "residual_level",
    "residual_level_label",
    "residual_rank",
    "treatment_method_version",
    "management_decided",
)
ACCEPTANCE = ("accepted_until", "accepted_by", "accepted_at", "accepted_reason")
COUNTED = ("open", "new", "changed", "closed")
NEVER = datetime(1970, 1, 1, tzinfo=UTC)


class RiskProjection(Projection):
    name = "risks"
    handles = {
        (Risk, "Identified"): "identified",
        (Risk, "Described"): "described",
        (Risk, "Assessed"): "assessed",
        (Risk, "Treated"): "treated",
        (Risk, "ManagementDecided"): "management_decided",
        (Risk, "Accepted"): "accepted",
        (Risk, "Closed"): "closed",
        (RiskReview, "Held"): "review_held",
        (TreatmentAction, "Planned"): "action_planned",
        (TreatmentAction, "StatusChanged"): "action_progressed",
        (SecurityObjective, "Set"): "objective_set",
        (SecurityObjective, "StatusChanged"): "objective_progressed",
        (RiskMethods, "Set"): "method_set",
        (RiskMethods, "Revised"): "method_set",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        risks = tables.risks
        self._insert = insert(risks)
        described = ("title", "sort_title", "threat", "vulnerability", "owner_id", "search_text")
        self._describe = _update(risks, "risk_id", *described)
        self._assess = _update(risks, "risk_id", *ASSESSED, "status", *ACCEPTANCE)
        self._treat = _update(risks, "risk_id", *TREATED, "status", *ACCEPTANCE)
        self._decide = _update(risks, "risk_id", "management_decided")
        self._accept = _update(risks, "risk_id", *ACCEPTANCE, "status")
        self._close = _update(risks, "risk_id", "status", "open", "closed_at")
        self._touch = _update(risks, "risk_id", "changed_at")
        c = risks.c
        self._state = select(
            c.organisation_id, c.status, c.level, c.open, c.identified_at, c.changed_at, c.closed_at
        ).where(c.tenant_id == bindparam("t"), c.risk_id == bindparam("k"))
        counts = tables.risk_register_counts
        counted = (counts.c.tenant_id == bindparam("t"), counts.c.organisation_id == bindparam("o"))
        self._counts = select(counts.c.reviewed_at).where(*counted)
        self._start_counts = insert(counts)
        self._add_counts = (
            update(counts)
            .where(*counted)
            .values({f"{name}_count": counts.c[f"{name}_count"] + bindparam(f"d_{name}") for name in COUNTED})
        )
        self._set_counts = (
            update(counts)
            .where(*counted)
            .values(reviewed_at=bindparam("b_reviewed_at"), **{f"{n}_count": bindparam(f"b_{n}") for n in COUNTED})
        )
        self._recount = select(
            func.count().filter(c.open == 1).label("open"),
            func.count()
            .filter(c.changed_at > bindparam("since"), c.identified_at > bindparam("since"), c.open == 1)
            .label("new"),
            func.count()
            .filter(c.changed_at > bindparam("since"), c.identified_at <= bindparam("since"), c.open == 1)
            .label("changed"),
            func.count().filter(c.closed_at > bindparam("since")).label("closed"),
        ).where(c.tenant_id == bindparam("t"), c.organisation_id == bindparam("o"))
        assets, controls = tables.risk_assets, tables.risk_controls
        self._link = insert(assets)
        self._unlink = delete(assets).where(assets.c.tenant_id == bindparam("t"), assets.c.risk_id == bindparam("k"))
        self._control = insert(controls)
        self._uncontrol = delete(controls).where(
            controls.c.tenant_id == bindparam("t"), controls.c.risk_id == bindparam("k")
        )
        self._history = insert(tables.risk_history)
        self._review = insert(tables.risk_reviews)
        self._action = insert(tables.treatment_actions)
        self._progress_action = _update(tables.treatment_actions, "action_id", "status", "status_reason")
        self._objective = insert(tables.security_objectives)
        self._progress_objective = _update(tables.security_objectives, "objective_id", "status", "status_reason")
        self._method = insert(tables.risk_methods)

    def identified(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "risk_id": event.originator_id,
            "organisation_id": event.organisation_id,
            **_described(event),
            "status": "identified",
            "open": 1,
            **dict.fromkeys(ASSESSED + TREATED + ACCEPTANCE),
            "rank": 0,
            "residual_rank": 0,
            "management_decided": 0,
            "source_library_item": event.source_library_item,
            "source_library_version": event.source_library_version,
            "identified_by": event.actor_id,
            "identified_at": event.timestamp,
            "changed_at": event.timestamp,
            "closed_at": None,
        }
        writer.write(self._insert, row)
        self._link_assets(writer, event, event.organisation_id)
        source = ""
        if event.source_library_item:
            source = f"from the library's {event.source_library_item}, version {event.source_library_version}"
        self._record(writer, event, "identified", source, None, event.organisation_id, None)

    def described(self, writer: GroupedWriter, event: Any) -> None:
        state = self._state_of(writer, event)
        writer.write(self._describe, _key(event) | _bound(_described(event)))
        writer.write(self._unlink, {"t": event.tenant_id, "k": event.originator_id})
        self._link_assets(writer, event, state["organisation_id"])
        self._record(writer, event, "described", event.title, event.reason, state["organisation_id"], state)

    def assessed(self, writer: GroupedWriter, event: Any) -> None:
        state = self._state_of(writer, event)
        values = {
            "likelihood": event.likelihood,
            "impact": event.impact,
            "level": event.level,
            "level_label": event.level_label,
            "rank": -event.level,
            "method_version": event.method_version,
            "management_decided": 0,
            "status": "treated" if state["status"] in ("treated", "accepted") else "assessed",
            **dict.fromkeys(ACCEPTANCE),
        }
        writer.write(self._assess, _key(event) | _bound(values))
        details = (
            f"likelihood {event.likelihood}, impact {event.impact}: {event.level_label} "
            f"(method version {event.method_version})"
        )
        self._record(writer, event, "assessed", details, event.reason, state["organisation_id"], state)

    def treated(self, writer: GroupedWriter, event: Any) -> None:
        state = self._state_of(writer, event)
        values = {
            "option": event.option,
            "residual_likelihood": event.residual_likelihood,
            "residual_impact": event.residual_impact,
            "residual_level": event.residual_level,
            "residual_level_label": event.residual_level_label,
            "residual_rank": -event.residual_level,
            "treatment_method_version": event.method_version,
            "management_decided": 0,
            "status": "treated",
            **dict.fromkeys(ACCEPTANCE),
        }
        writer.write(self._treat, _key(event) | _bound(values))
        writer.write(self._uncontrol, {"t": event.tenant_id, "k": event.originator_id})
        organisation_id = state["organisation_id"]
        chosen = [ref.partition(":")[::2] for ref in event.catalogue_controls]
        for position, (catalogue_id, control_id) in enumerate(chosen):
            self._write_control(writer, event, organisation_id, position, catalogue_id, control_id, None)
        for position, name in enumerate(event.own_controls, start=len(chosen)):
            self._write_control(writer, event, organisation_id, position, None, None, name)
        controls = ", ".join([*event.catalogue_controls, *event.own_controls]) or "no control"
        details = (
            f"{event.option}; {controls}; residual likelihood {event.residual_likelihood}, "
            f"impact {event.residual_impact}: {event.residual_level_label}"
        )
        self._record(writer, event, "treated", details, event.reason, organisation_id, state)

    def management_decided(self, writer: GroupedWriter, event: Any) -> None:
        state = self._state_of(writer, event)
        writer.write(self._decide, _key(event) | _bound({"management_decided": 1}))
        self._record(writer, event, "management_decided", "", event.reason, state["organisation_id"], state)

    def accepted(self, writer: GroupedWriter, event: Any) -> None:
        state = self._state_of(writer, event)
        values = {
            "accepted_until": event.until,
            "accepted_by": event.actor_id,
            "accepted_at": event.timestamp,
            "accepted_reason": event.reason,
            "status": "accepted",
        }
        writer.write(self._accept, _key(event) | _bound(values))
        details = f"until {event.until.isoformat()}"
        self._record(writer, event, "accepted", details, event.reason, state["organisation_id"], state)

    def closed(self, writer: GroupedWriter, event: Any) -> None:
        state = self._state_of(writer, event)
        values = {"status": "closed", "open": 0, "closed_at": event.timestamp}
        writer.write(self._close, _key(event) | _bound(values))
        self._record(writer, event, "closed", "", event.reason, state["organisation_id"], state)

    def review_held(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "review_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "held_on": event.held_on,
            "notes": event.notes,
            "held_by": event.actor_id,
            "held_at": event.timestamp,
        }
        writer.write(self._review, row)
        t, o = event.tenant_id, event.organisation_id
        since = max(self._reviewed_at(writer, t, o), event.timestamp)
        found = writer.read(self._recount, {"t": t, "o": o, "since": since}).mappings().one()
        counts = _bound({"reviewed_at": since, **{name: found[name] for name in COUNTED}})
        writer.write(self._set_counts, {"t": t, "o": o, **counts})

    def action_planned(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "action_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "title": event.title,
            "sort_title": event.title.casefold(),
            "owner": event.owner,
            "due_on": event.due_on,
            "status": "planned",
            "status_reason": None,
            "risk_ids": json.dumps([str(risk_id) for risk_id in event.risk_ids]),
            "controls": json.dumps(list(event.controls)),
            "planned_at": event.timestamp,
        }
        writer.write(self._action, row)

    def action_progressed(self, writer: GroupedWriter, event: Any) -> None:
        values = {"status": event.status, "status_reason": event.reason}
        writer.write(self._progress_action, _key(event) | _bound(values))

    def objective_set(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "objective_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "title": event.title,
            "measure": event.measure,
            "owner": event.owner,
            "due_on": event.due_on,
            "status": "planned",
            "status_reason": None,
            "set_at": event.timestamp,
        }
        writer.write(self._objective, row)

    def objective_progressed(self, writer: GroupedWriter, event: Any) -> None:
        values = {"status": event.status, "status_reason": event.reason}
        writer.write(self._progress_objective, _key(event) | _bound(values))

    def method_set(self, writer: GroupedWriter, event: Any) -> None:
        version = event.originator_version + 1  # version 1 is the default, never stored
        parts = ("likelihood", "impact", "levels", "matrix", "acceptance")
        definition = json.dumps({part: getattr(event, part) for part in parts})
        row = {"tenant_id": event.tenant_id, "version": version, "definition": definition, "set_at": event.timestamp}
        writer.write(self._method, row)

    def _link_assets(self, writer: GroupedWriter, event: Any, organisation_id: Any) -> None:
        for asset_id in event.asset_ids:
            link = {"tenant_id": event.tenant_id, "risk_id": event.originator_id, "asset_id": asset_id}
            writer.write(self._link, {**link, "organisation_id": organisation_id})

    def _write_control(
        self,
        writer: GroupedWriter,
        event: Any,
        organisation_id: Any,
        position: int,
        catalogue_id: str | None,
        control_id: str | None,
        name: str | None,
    ) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "risk_id": event.originator_id,
            "position": position,
            "organisation_id": organisation_id,
            "catalogue_id": catalogue_id,
            "control_id": control_id,
            "name": name,
        }
        writer.write(self._control, row)

    def _state_of(self, writer: GroupedWriter, event: Any) -> dict[str, Any]:
        found = writer.read(self._state, {"t": event.tenant_id, "k": event.originator_id}).mappings().one()
        return dict(found)

    def _record(
        self,
        writer: GroupedWriter,
        event: Any,
        action: str,
        details: str,
        reason: str | None,
        organisation_id: Any,
        before: dict[str, Any] | None,
    ) -> None:
        """The risk's history line, the time of its last change, and the register's counts moved by the change
        (`before`: the risk's row as the event found it; none for the event that identifies it)."""
        row = {
            "tenant_id": event.tenant_id,
            "risk_id": event.originator_id,
            "version": event.originator_version,
            "organisation_id": organisation_id,
            "action": action,
            "details": details,
            "reason": reason,
            "acted_by": event.actor_id,
            "acted_at": event.timestamp,
        }
        writer.write(self._history, row)
        if before is None:
            after = {"open": 1, "identified_at": event.timestamp, "changed_at": event.timestamp, "closed_at": None}
        else:
            writer.write(self._touch, _key(event) | _bound({"changed_at": event.timestamp}))
            after = before | {"changed_at": event.timestamp}
            if action == "closed":
                after |= {"open": 0, "closed_at": event.timestamp}
        self._count(writer, event.tenant_id, organisation_id, before, after)

    def _count(
        self, writer: GroupedWriter, tenant_id: Any, organisation_id: Any, before: dict[str, Any] | None, after: Any
    ) -> None:
        since = self._reviewed_at(writer, tenant_id, organisation_id)
        old = since_review(before, since) if before else (0, 0, 0, 0)
        moved = [now - was for now, was in zip(since_review(after, since), old, strict=True)]
        if any(moved):
            deltas = {f"d_{name}": delta for name, delta in zip(COUNTED, moved, strict=True)}
            writer.write(self._add_counts, {"t": tenant_id, "o": organisation_id, **deltas})

    def _reviewed_at(self, writer: GroupedWriter, tenant_id: Any, organisation_id: Any) -> datetime:
        """The time the counts are taken since, the organisation's row of counts started if it has none yet."""
        found = writer.read(self._counts, {"t": tenant_id, "o": organisation_id}).first()
        if found is None:
            zero = {f"{name}_count": 0 for name in COUNTED}
            row = {"tenant_id": tenant_id, "organisation_id": organisation_id, "reviewed_at": None, **zero}
            writer.write(self._start_counts, row)
            return NEVER
        return NEVER if found.reviewed_at is None else _aware(found.reviewed_at)


def _update(table: Any, key: str, *columns: str) -> Update:
    """An update of the row named by the tenant and `key`, setting each column from the parameter `b_<column>`."""
    return (
        update(table)
        .where(table.c.tenant_id == bindparam("t"), table.c[key] == bindparam("k"))
        .values({column: bindparam(f"b_{column}") for column in columns})
    )


def since_review(risk: dict[str, Any], since: datetime) -> tuple[int, int, int, int]:
    """What one risk adds to its register's counts: open; new, changed or closed since the review at `since`
    (the same rules as the register's list: new is identified after it, changed is identified before and changed
    after it, both while open; closed is closed after it)."""
    is_open = bool(risk["open"])
    identified, changed, closed = (
        _aware(risk[k]) if risk[k] else None for k in ("identified_at", "changed_at", "closed_at")
    )
    changed_since = changed is not None and changed > since
    return (
        int(is_open),
        int(is_open and changed_since and identified is not None and identified > since),
        int(is_open and changed_since and identified is not None and identified <= since),
        int(closed is not None and closed > since),
    )


def _aware(moment: datetime) -> datetime:
    """A time as the database gave it back: SQLite keeps no offset, and every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _key(event: Any) -> dict[str, Any]:
    return {"t": event.tenant_id, "k": event.originator_id}


def _bound(values: dict[str, Any]) -> dict[str, Any]:
    return {f"b_{column}": value for column, value in values.items()}


def _described(event: Any) -> dict[str, Any]:
    return {
        "title": event.title,
        "sort_title": event.title.casefold(),
        "threat": event.threat,
        "vulnerability": event.vulnerability,
        "owner_id": event.owner_id,
        "search_text": " ".join((event.title, event.threat, event.vulnerability)).casefold(),
    }
