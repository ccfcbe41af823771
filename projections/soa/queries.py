"""An organisation's Statement of Applicability, as far as the scope shows it: its own member accounts, the coach of
a cluster it belongs to and the consultancy's admins (the one visibility filter, by the tables' `organisation_id`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, Table, and_, func, or_, select

from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.soa.rows import (
    ControlPage,
    ControlRow,
    EvidenceRow,
    HistoryRow,
    SoaSummary,
    StatementRow,
    VersionPage,
    VersionRow,
)

SOMEONE = "someone no longer in view"
BY_CONTROL, BY_STATUS = "control", "status"


@dataclass(frozen=True)
class ControlFilter:
    group: str | None = None
    applicable: bool | None = None
    """True: applicable; False: not applicable (undecided ones are neither)."""
    undecided: bool = False
    implementation: str | None = None
    search: str | None = None
    to_review: bool = False
    order: str = BY_CONTROL


@dataclass(frozen=True)
class VersionFilter:
    status: str | None = None
    oldest_first: bool = False


@dataclass(frozen=True)
class ControlKey:
    """Where a page ends: the keyset cursor's content."""

    rank: int
    position: int


class StatementQueries(FeatureQueries):
    def statement(self, scope: Scope, organisation_id: UUID) -> StatementRow | None:
        s = self.t.soa_statements
        row = self._one(select(s).where(self.visible.rows(scope, s), s.c.organisation_id == organisation_id))
        if row is None:
            return None
        return StatementRow(**{k: v for k, v in row.items() if k not in ("tenant_id", "statement_id")})

    def summary(self, scope: Scope, organisation_id: UUID) -> SoaSummary:
        """The statement's catalogue and status, controls undecided or to review, the latest approved version."""
        query, parameters = self._prepared.get(
            "soa_summary", scope, self._summary_query, organisation_id=organisation_id
        )
        return _soa_summary(self._one(query, parameters))

    def summaries(self, scope: Scope, organisation_ids: list[UUID]) -> dict[UUID, SoaSummary]:
        """`summary` of several organisations, in one statement (a cluster's dashboard reads every member's)."""
        rows = self._per_organisation("soa_summaries", scope, self._summary_query, organisation_ids, False)
        found = {row["of_organisation"]: _soa_summary(row) for row in rows}
        return {organisation: found.get(organisation, SoaSummary()) for organisation in organisation_ids}

    def _summary_query(self, scope: Scope, organisation_id: Any) -> Select[Any]:
        """The statement's row with its counts and latest approved version as subqueries: one statement, built
        once per kind of scope (readiness reads it for every member of a cluster); no row without a statement."""
        s, c, v = self.t.soa_statements, self.t.soa_controls, self.t.soa_versions
        controls = [self.visible.rows(scope, c), c.c.organisation_id == organisation_id]
        approved = select(v.c.number, v.c.approved_at).where(
            self.visible.rows(scope, v), v.c.organisation_id == organisation_id, v.c.approved_at.is_not(None)
        )
        latest = approved.order_by(v.c.number.desc()).limit(1)
        return select(
            s.c.catalogue_id,
            s.c.status,
            select(func.count()).where(*controls, c.c.applicable.is_(None)).scalar_subquery().label("undecided"),
            select(func.count()).where(*controls, c.c.to_review.is_(True)).scalar_subquery().label("to_review"),
            latest.with_only_columns(v.c.number).scalar_subquery().label("number"),
            latest.with_only_columns(v.c.approved_at).scalar_subquery().label("approved_at"),
        ).where(self.visible.rows(scope, s), s.c.organisation_id == organisation_id)

    def controls(
        self, scope: Scope, organisation_id: UUID, first: int, after: ControlKey | None, given: ControlFilter
    ) -> ControlPage:
        c = self.t.soa_controls
        conditions = [self.visible.rows(scope, c), c.c.organisation_id == organisation_id, *_filters(c, given)]
        total = self._one(select(func.count().label("n")).where(*conditions)) or {"n": 0}
        if after is not None:
            conditions.append(_after(c, after, given.order))
        ordered = [c.c.rank, c.c.position] if given.order == BY_STATUS else [c.c.position]
        rows = self._all(select(c).where(*conditions).order_by(*ordered).limit(first + 1))
        found = self._with_names(scope, organisation_id, rows)
        return ControlPage(tuple(found[:first]), len(found) > first, total["n"])

    def control(self, scope: Scope, organisation_id: UUID, control_id: str) -> ControlRow | None:
        c = self.t.soa_controls
        query = select(c).where(
            self.visible.rows(scope, c), c.c.organisation_id == organisation_id, c.c.control_id == control_id
        )
        return next(iter(self._with_names(scope, organisation_id, self._all(query))), None)

    def all_controls(self, scope: Scope, organisation_id: UUID) -> list[ControlRow]:
        """Every control of the statement's catalogue, in the catalogue's order."""
        c = self.t.soa_controls
        query = select(c).where(self.visible.rows(scope, c), c.c.organisation_id == organisation_id)
        return self._with_names(scope, organisation_id, self._all(query.order_by(c.c.position)))

    def version_controls(self, scope: Scope, organisation_id: UUID, number: int) -> list[ControlRow]:
        """The decisions of a version as it was submitted (and, once approved, for good)."""
        vc = self.t.soa_version_controls
        query = select(vc).where(
            self.visible.rows(scope, vc), vc.c.organisation_id == organisation_id, vc.c.number == number
        )
        return self._with_names(scope, organisation_id, self._all(query.order_by(vc.c.position)))

    def versions(self, scope: Scope, organisation_id: UUID) -> list[VersionRow]:
        """Newest first."""
        v = self.t.soa_versions
        query = select(v).where(self.visible.rows(scope, v), v.c.organisation_id == organisation_id)
        names = self._names(scope, organisation_id)
        return [_version(r, names) for r in self._all(query.order_by(v.c.number.desc()))]

    def versions_page(
        self, scope: Scope, organisation_id: UUID, first: int, after: int | None, given: VersionFilter
    ) -> VersionPage:
        """A page of versions after the version numbered `after`, newest first unless asked oldest first."""
        v = self.t.soa_versions
        conditions = [self.visible.rows(scope, v), v.c.organisation_id == organisation_id]
        if given.status is not None:
            conditions.append(v.c.status == given.status)
        total = self._one(select(func.count().label("n")).where(*conditions)) or {"n": 0}
        if after is not None:
            conditions.append(v.c.number > after if given.oldest_first else v.c.number < after)
        ordered = v.c.number.asc() if given.oldest_first else v.c.number.desc()
        rows = self._all(select(v).where(*conditions).order_by(ordered).limit(first + 1))
        names = self._names(scope, organisation_id)
        found = [_version(r, names) for r in rows]
        return VersionPage(tuple(found[:first]), len(found) > first, total["n"])

    def authors(self, scope: Scope, organisation_id: UUID, number: int) -> frozenset[UUID]:
        """Who decided a control of the version: none of them approves it."""
        h = self.t.soa_history
        query = select(h.c.acted_by).where(
            self.visible.rows(scope, h), h.c.organisation_id == organisation_id, h.c.number == number,
            h.c.action == "decided",
        )  # fmt: skip
        return frozenset(row["acted_by"] for row in self._all(query.distinct()))

    def history(self, scope: Scope, organisation_id: UUID, control_id: str | None = None) -> list[HistoryRow]:
        """Oldest first: the whole statement's, or one control's."""
        h = self.t.soa_history
        query = select(h).where(self.visible.rows(scope, h), h.c.organisation_id == organisation_id)
        if control_id is not None:
            query = query.where(h.c.control_id == control_id)
        names = self._names(scope, organisation_id)
        return [
            HistoryRow(r["number"], r["control_id"], r["action"], r["detail"], names.get(r["acted_by"], SOMEONE),
                       r["acted_at"])
            for r in self._all(query.order_by(h.c.position))
        ]  # fmt: skip

    def _with_names(self, scope: Scope, organisation_id: UUID, rows: list[dict[str, Any]]) -> list[ControlRow]:
        names = self._names(scope, organisation_id) if rows else {}
        linked = {UUID(d) for r in rows for d in json.loads(r["evidence"])}
        titles = self._document_titles(scope, organisation_id, linked)
        return [_control(r, names, titles) for r in rows]

    def _names(self, scope: Scope, organisation_id: UUID) -> dict[UUID, str]:
        """Every account in view: the organisation's people and, in the scope of a coach or admin, theirs."""
        a = self.t.accounts
        return {row["account_id"]: row["display_name"] for row in self._all(
            select(a.c.account_id, a.c.display_name).where(self.visible.rows(scope, a))
        )}  # fmt: skip

    def _document_titles(self, scope: Scope, organisation_id: UUID, ids: set[UUID]) -> dict[UUID, str]:
        if not ids:
            return {}
        d = self.t.documents
        query = select(d.c.document_id, d.c.title).where(
            self.visible.rows(scope, d), d.c.organisation_id == organisation_id, d.c.document_id.in_(ids)
        )
        return {row["document_id"]: row["title"] for row in self._all(query)}


def _filters(c: Table, given: ControlFilter) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if given.group is not None:
        found.append(c.c.group_id == given.group)
    if given.undecided:
        found.append(c.c.applicable.is_(None))
    elif given.applicable is not None:
        found.append(c.c.applicable.is_(given.applicable))
    if given.implementation is not None:
        found.append(c.c.implementation == given.implementation)
    if given.to_review:
        found.append(c.c.to_review.is_(True))
    if given.search:
        escaped = given.search.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        found.append(c.c.search_text.like(f"%{escaped}%", escape="\\"))
    return found


def _after(c: Table, after: ControlKey, order: str) -> ColumnElement[bool]:
    if order != BY_STATUS:
        return c.c.position > after.position
    return or_(c.c.rank > after.rank, and_(c.c.rank == after.rank, c.c.position > after.position))


def _control(r: dict[str, Any], names: dict[UUID, str], titles: dict[UUID, str]) -> ControlRow:
    evidence = tuple(
        EvidenceRow(UUID(d), titles.get(UUID(d), "a document no longer in view")) for d in json.loads(r["evidence"])
    )
    decided_by = names.get(r["decided_by"], SOMEONE) if r["decided_by"] else None
    return ControlRow(
        control_id=r["control_id"], catalogue_id=r.get("catalogue_id", ""), group_id=r["group_id"],
        position=r["position"], title=r["title"], applicable=r["applicable"],
        reasons=tuple(reason for reason in r["reasons"].split(",") if reason), justification=r["justification"],
        implementation=r["implementation"], evidence=evidence, to_review=bool(r["to_review"]),
        decided_by=decided_by, decided_at=r["decided_at"], rank=r.get("rank", 0),
    )  # fmt: skip


def _version(r: dict[str, Any], names: dict[UUID, str]) -> VersionRow:
    def name(account: UUID | None) -> str | None:
        return names.get(account, SOMEONE) if account else None

    return VersionRow(
        number=r["number"], status=r["status"], catalogue_id=r["catalogue_id"],
        catalogue_version=r["catalogue_version"], decided=r["decided"], submitted_by_id=r["submitted_by"],
        submitted_by=name(r["submitted_by"]), submitted_at=r["submitted_at"], approved_by=name(r["approved_by"]),
        approved_at=r["approved_at"], reason=r["reason"],
    )  # fmt: skip


def _soa_summary(found: dict[str, Any] | None) -> SoaSummary:
    if found is None:
        return SoaSummary()
    return SoaSummary(
        found["catalogue_id"], found["status"], found.get("undecided") or 0, found.get("to_review") or 0,
        found.get("number"), found.get("approved_at"),
    )  # fmt: skip
