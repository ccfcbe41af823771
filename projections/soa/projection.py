"""The statement, its controls, its versions (with a frozen copy of each submitted one) and its history, from the
statement's events. The catalogue's controls, titles and order are those the `Started` event kept (the catalogue as it
was then, shipped or imported); after a move to another edition, those of the shipped edition moved to."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, delete, insert, literal, select, update

from domain.catalogues.catalogue import Catalogue
from domain.catalogues.library import shipped
from domain.soa.rules import IMPLEMENTATION_ORDER
from domain.soa.statement import StatementOfApplicability
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter

DECISION_COLUMNS = (
    "group_id", "position", "title", "applicable", "reasons", "justification", "implementation", "evidence",
    "to_review", "decided_by", "decided_at",
)  # fmt: skip
UNDECIDED, NOT_APPLICABLE = 0, 1


def rank(applicable: bool | None, implementation: str | None) -> int:
    """Undecided, not applicable, then not started to implemented: the order of a list sorted by status."""
    if applicable is None:
        return UNDECIDED
    if not applicable or implementation is None:
        return NOT_APPLICABLE
    return 2 + IMPLEMENTATION_ORDER.index(implementation)


class StatementProjection(Projection):
    name = "soa"
    handles = {
        (StatementOfApplicability, "Started"): "started",
        (StatementOfApplicability, "ControlDecided"): "decided",
        (StatementOfApplicability, "VersionSubmitted"): "submitted",
        (StatementOfApplicability, "VersionApproved"): "approved",
        (StatementOfApplicability, "VersionRejected"): "rejected",
        (StatementOfApplicability, "EditionMoved"): "moved",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        s, c, v = tables.soa_statements, tables.soa_controls, tables.soa_versions
        self._s, self._c, self._v, self._vc = s, c, v, tables.soa_version_controls
        self._organisation = select(s.c.organisation_id).where(
            s.c.tenant_id == bindparam("t"), s.c.statement_id == bindparam("s")
        )
        self._the_statement = (s.c.tenant_id == bindparam("t"), s.c.organisation_id == bindparam("o"))
        self._the_control = (
            c.c.tenant_id == bindparam("t"),
            c.c.organisation_id == bindparam("o"),
            c.c.control_id == bindparam("k"),
        )
        self._the_version = (v.c.tenant_id == bindparam("t"), v.c.organisation_id == bindparam("o"),
                             v.c.number == bindparam("n"))  # fmt: skip

    def started(self, writer: GroupedWriter, event: Any) -> None:
        key = {"tenant_id": event.tenant_id, "organisation_id": event.organisation_id}
        row = key | {"statement_id": event.originator_id, "catalogue_id": event.catalogue_id, "number": 1}
        row |= {"catalogue_version": event.catalogue_version, "status": "draft", "submitted_by": None}
        row |= {"approved_version": None, "started_at": event.timestamp, "changed_at": event.timestamp}
        writer.write(insert(self._s), row)
        self._new_version(writer, key, 1, event.catalogue_id, event.catalogue_version)
        self._controls(writer, key, event.catalogue_id, event.controls, {}, event)
        self._record(writer, event, event.organisation_id, 1, None, "started", event.catalogue_id)

    def decided(self, writer: GroupedWriter, event: Any) -> None:
        organisation = self._organisation_of(writer, event)
        values = _decision(event.__dict__, event) | {"rank": rank(event.applicable, event.implementation)}
        changed = update(self._c).where(*self._the_control).values(**values)
        writer.read(changed, {"t": event.tenant_id, "o": organisation, "k": event.control_id})
        self._touch(writer, event, organisation)
        self._record(writer, event, organisation, event.number, event.control_id, "decided", _said(event.__dict__))

    def submitted(self, writer: GroupedWriter, event: Any) -> None:
        organisation = self._organisation_of(writer, event)
        self._version(writer, event, organisation, status="submitted", decided=event.decided,
                      submitted_by=event.actor_id, submitted_at=event.timestamp, reason=None)  # fmt: skip
        self._touch(writer, event, organisation, status="submitted", submitted_by=event.actor_id)
        c = self._c
        frozen = select(
            c.c.tenant_id, c.c.organisation_id, literal(event.number), c.c.control_id,
            *(c.c[name] for name in DECISION_COLUMNS),
        ).where(c.c.tenant_id == event.tenant_id, c.c.organisation_id == organisation)  # fmt: skip
        names = ("tenant_id", "organisation_id", "number", "control_id", *DECISION_COLUMNS)
        writer.read(insert(self._vc).from_select(names, frozen))
        self._record(writer, event, organisation, event.number, None, "submitted", f"{event.decided} controls decided")

    def approved(self, writer: GroupedWriter, event: Any) -> None:
        organisation = self._organisation_of(writer, event)
        self._version(writer, event, organisation, status="approved", approved_by=event.actor_id,
                      approved_at=event.timestamp)  # fmt: skip
        statement = self._touch(
            writer, event, organisation, status="draft", submitted_by=None, number=event.number + 1,
            approved_version=event.number,
        )  # fmt: skip
        key = {"tenant_id": event.tenant_id, "organisation_id": organisation}
        self._new_version(writer, key, event.number + 1, statement["catalogue_id"], statement["catalogue_version"])
        self._record(writer, event, organisation, event.number, None, "approved")

    def rejected(self, writer: GroupedWriter, event: Any) -> None:
        organisation = self._organisation_of(writer, event)
        self._version(writer, event, organisation, status="draft", submitted_by=None, submitted_at=None,
                      decided=None, reason=event.reason)  # fmt: skip
        self._touch(writer, event, organisation, status="draft", submitted_by=None)
        vc = self._vc
        thawed = delete(vc).where(
            vc.c.tenant_id == event.tenant_id, vc.c.organisation_id == organisation, vc.c.number == event.number
        )
        writer.read(thawed)
        self._record(writer, event, organisation, event.number, None, "rejected", event.reason)

    def moved(self, writer: GroupedWriter, event: Any) -> None:
        organisation = self._organisation_of(writer, event)
        statement = self._touch(writer, event, organisation, catalogue_id=event.catalogue_id,
                                catalogue_version=event.catalogue_version)  # fmt: skip
        number = statement["number"]
        self._version(writer, event, organisation, n=number, catalogue_id=event.catalogue_id,
                      catalogue_version=event.catalogue_version)  # fmt: skip
        c, key = self._c, {"tenant_id": event.tenant_id, "organisation_id": organisation}
        writer.read(delete(c).where(c.c.tenant_id == event.tenant_id, c.c.organisation_id == organisation))
        controls = [[c.id, c.group, c.title] for c in _catalogue(event.catalogue_id).controls]
        self._controls(writer, key, event.catalogue_id, controls, event.carried, event)
        detail = f"{event.catalogue_id} (correspondence {event.correspondence_version}); {len(event.carried)} carried"
        self._record(writer, event, organisation, number, None, "moved", detail)

    def _controls(
        self, writer: GroupedWriter, key: dict[str, Any], catalogue_id: str, controls: list[list[str]],
        carried: dict[str, Any], event: Any,
    ) -> None:  # fmt: skip
        """`controls` as `[id, group, title]`, in the catalogue's order."""
        for position, (control_id, group_id, title) in enumerate(controls):
            found = carried.get(control_id)
            decision = _decision(found, event, to_review=True) if found else _undecided()
            row = key | {"control_id": control_id, "catalogue_id": catalogue_id, "group_id": group_id}
            row |= {"position": position, "title": title, "search_text": f"{control_id} {title}".casefold()}
            row |= decision | {"rank": rank(decision["applicable"], decision["implementation"])}
            writer.write(insert(self._c), row)

    def _new_version(
        self, writer: GroupedWriter, key: dict[str, Any], number: int, catalogue: str, version: str
    ) -> None:
        row = key | {"number": number, "status": "draft", "catalogue_id": catalogue, "catalogue_version": version}
        row |= dict.fromkeys(("decided", "submitted_by", "submitted_at", "approved_by", "approved_at", "reason"))
        writer.write(insert(self._v), row)

    def _version(
        self, writer: GroupedWriter, event: Any, organisation: Any, n: int | None = None, **values: Any
    ) -> None:
        number = event.number if n is None else n
        changed = update(self._v).where(*self._the_version).values(**values)
        writer.read(changed, {"t": event.tenant_id, "o": organisation, "n": number})

    def _touch(self, writer: GroupedWriter, event: Any, organisation: Any, **values: Any) -> dict[str, Any]:
        """Changes the statement's row; answers it as it is now."""
        changed = update(self._s).where(*self._the_statement).values(changed_at=event.timestamp, **values)
        parameters = {"t": event.tenant_id, "o": organisation}
        writer.read(changed, parameters)
        return dict(writer.read(select(self._s).where(*self._the_statement), parameters).mappings().one())

    def _record(
        self, writer: GroupedWriter, event: Any, organisation: Any, number: int, control_id: str | None, action: str,
        detail: str | None = None,
    ) -> None:  # fmt: skip
        row = {"tenant_id": event.tenant_id, "organisation_id": organisation, "position": event.originator_version}
        row |= {"number": number, "control_id": control_id, "action": action, "detail": detail}
        writer.write(insert(self.tables.soa_history), row | {"acted_by": event.actor_id, "acted_at": event.timestamp})

    def _organisation_of(self, writer: GroupedWriter, event: Any) -> Any:
        return writer.read(self._organisation, {"t": event.tenant_id, "s": event.originator_id}).scalar_one()


def _catalogue(catalogue_id: str) -> Catalogue:
    catalogue = shipped().catalogue(catalogue_id)
    if catalogue is None:
        raise LookupError(f"No shipped catalogue {catalogue_id!r}.")
    return catalogue


def _decision(data: dict[str, Any], event: Any, to_review: bool = False) -> dict[str, Any]:
    return {
        "applicable": data["applicable"], "reasons": ",".join(data["reasons"]),
        "justification": data["justification"], "implementation": data["implementation"],
        "evidence": json.dumps([str(document) for document in data["evidence"]]), "to_review": to_review,
        "decided_by": event.actor_id, "decided_at": event.timestamp,
    }  # fmt: skip


def _undecided() -> dict[str, Any]:
    return {
        "applicable": None, "reasons": "", "justification": None, "implementation": None, "evidence": "[]",
        "to_review": False, "decided_by": None, "decided_at": None,
    }  # fmt: skip


def _said(data: dict[str, Any]) -> str:
    """The decision in words, as the history shows it."""
    if not data["applicable"]:
        return f"not applicable: {data['justification']}"
    reasons = ", ".join(reason.replace("_", " ") for reason in data["reasons"])
    return f"applicable ({reasons}); {data['implementation'].replace('_', ' ')}: {data['justification']}"
