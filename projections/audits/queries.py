"""An organisation's internal audits, as far as the scope shows them: its own members, the coach of a cluster it
belongs to and the consultancy's admins (the one filter decides, by the tables' `organisation_id`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select

from projections.audits.rows import (
    AreaRow,
    AuditEventRow,
    AuditPageRows,
    AuditRow,
    FindingRow,
    ProgrammeRow,
)
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope

BY_DATE, BY_TITLE = "date", "title"


@dataclass(frozen=True)
class AuditFilter:
    year: int | None = None
    status: str | None = None
    search: str | None = None
    order: str = BY_DATE


@dataclass(frozen=True)
class AuditKey:
    """Where a page ends: the planned date or the title, then the id."""

    value: str
    audit_id: UUID


class AuditQueries(FeatureQueries):
    def programmes(self, scope: Scope, organisation_id: UUID) -> list[ProgrammeRow]:
        """The organisation's programmes, the latest year first."""
        programmes = self.t.audit_programmes
        rows = self._all(
            select(programmes)
            .where(self.visible.rows(scope, programmes), programmes.c.organisation_id == organisation_id)
            .order_by(programmes.c.year.desc())
        )
        return [self._programme(scope, row) for row in rows]

    def programme(self, scope: Scope, programme_id: UUID) -> ProgrammeRow | None:
        programmes = self.t.audit_programmes
        row = self._one(
            select(programmes).where(self.visible.rows(scope, programmes), programmes.c.programme_id == programme_id)
        )
        return None if row is None else self._programme(scope, row)

    def audits(
        self, scope: Scope, organisation_id: UUID, first: int, after: AuditKey | None, given: AuditFilter
    ) -> AuditPageRows:
        audits = self.t.audits
        conditions = [self.visible.rows(scope, audits), audits.c.organisation_id == organisation_id]
        conditions += self._filters(given)
        total = self._one(select(func.count().label("n")).where(*conditions)) or {}
        ordered = (audits.c.sort_title if given.order == BY_TITLE else audits.c.planned_on, audits.c.audit_id)
        if after is not None:
            value: Any = after.value if given.order == BY_TITLE else date.fromisoformat(after.value)
            conditions.append(or_(ordered[0] > value, and_(ordered[0] == value, audits.c.audit_id > after.audit_id)))
        rows = self._all(self._audit_select().where(*conditions).order_by(*ordered).limit(first + 1))
        found = [_audit(row) for row in rows]
        return AuditPageRows(found[:first], len(found) > first, total.get("n") or 0)

    def key_of(self, row: AuditRow, order: str) -> AuditKey:
        return AuditKey(row.sort_title if order == BY_TITLE else row.planned_on.isoformat(), row.audit_id)

    def audit(self, scope: Scope, audit_id: UUID) -> AuditRow | None:
        audits = self.t.audits
        row = self._one(self._audit_select().where(self.visible.rows(scope, audits), audits.c.audit_id == audit_id))
        return None if row is None else _audit(row)

    def audits_of_programme(self, scope: Scope, programme_id: UUID) -> list[AuditRow]:
        audits = self.t.audits
        query = self._audit_select().where(self.visible.rows(scope, audits), audits.c.programme_id == programme_id)
        return [_audit(row) for row in self._all(query.order_by(audits.c.planned_on, audits.c.audit_id))]

    def findings(self, scope: Scope, audit_id: UUID) -> list[FindingRow]:
        findings = self.t.audit_findings
        query = (
            select(*(findings.c[name] for name in FindingRow.__dataclass_fields__))
            .where(self.visible.rows(scope, findings), findings.c.audit_id == audit_id)
            .order_by(findings.c.position)
        )
        return [FindingRow(**row) for row in self._all(query)]

    def finding_counts(self, scope: Scope, organisation_id: UUID) -> dict[UUID, dict[str, int]]:
        """How many findings of each kind every audit of the organisation has, by audit."""
        findings = self.t.audit_findings
        query = (
            select(findings.c.audit_id, findings.c.kind, func.count().label("n"))
            .where(self.visible.rows(scope, findings), findings.c.organisation_id == organisation_id)
            .group_by(findings.c.audit_id, findings.c.kind)
        )
        found: dict[UUID, dict[str, int]] = {}
        for row in self._all(query):
            found.setdefault(row["audit_id"], {})[row["kind"]] = row["n"]
        return found

    def history(self, scope: Scope, subject_id: UUID) -> list[AuditEventRow]:
        """What was done to a programme or an audit, oldest first."""
        history, accounts = self.t.audit_history, self.t.accounts
        query = (
            select(history.c.action, history.c.details, history.c.acted_at, accounts.c.display_name)
            .outerjoin(accounts, _account(accounts, history.c.tenant_id, history.c.acted_by))
            .where(self.visible.rows(scope, history), history.c.subject_id == subject_id)
            .order_by(history.c.version)
        )
        return [
            AuditEventRow(row["action"], row["details"], row["display_name"], row["acted_at"])
            for row in self._all(query)
        ]

    def people(self, scope: Scope, organisation_id: UUID) -> list[tuple[UUID, str]]:
        """Who may own an area, audit it or own a corrective action: the organisation's active member accounts, the
        coach of a cluster it belongs to, and the consultancy's active admins; never a coach of another cluster."""
        accounts, off = self.t.accounts, self.t.deactivated_accounts
        query = (
            select(accounts.c.account_id, accounts.c.display_name)
            .where(
                self.visible.rows(scope, accounts),
                ~exists().where(off.c.tenant_id == accounts.c.tenant_id, off.c.account_id == accounts.c.account_id),
                or_(
                    accounts.c.organisation_id == organisation_id,
                    and_(accounts.c.organisation_id.is_(None), accounts.c.roles.contains("consultancy_admin")),
                    and_(
                        accounts.c.organisation_id.is_(None),
                        accounts.c.roles.contains("coach"),
                        accounts.c.account_id.in_(self._coaches(scope, organisation_id)),
                    ),
                ),
            )
            .order_by(accounts.c.display_name, accounts.c.account_id)
        )
        return [(row["account_id"], row["display_name"]) for row in self._all(query)]

    def coaches(self, scope: Scope, organisation_id: UUID) -> frozenset[UUID]:
        """The coaches of the clusters the organisation belongs to, withdrawn or not (as the visibility filter
        counts a coach in): the coaches who may work on its registers."""
        return frozenset(row["coach_id"] for row in self._all(self._coaches(scope, organisation_id)))

    def _coaches(self, scope: Scope, organisation_id: UUID) -> Select[Any]:
        clusters, members = self.t.clusters, self.t.cluster_members
        return (
            select(clusters.c.coach_id)
            .join(
                members,
                and_(members.c.tenant_id == clusters.c.tenant_id, members.c.cluster_id == clusters.c.cluster_id),
            )
            .where(
                self.visible.rows(scope, clusters),
                self.visible.rows(scope, members),
                members.c.organisation_id == organisation_id,
            )
            .distinct()
        )

    def _programme(self, scope: Scope, row: dict[str, Any]) -> ProgrammeRow:
        areas, accounts = self.t.audit_programme_areas, self.t.accounts
        query = (
            select(areas.c.reference, areas.c.owner_id, accounts.c.display_name)
            .outerjoin(accounts, _account(accounts, areas.c.tenant_id, areas.c.owner_id))
            .where(self.visible.rows(scope, areas), areas.c.programme_id == row["programme_id"])
            .order_by(areas.c.position)
        )
        found = tuple(AreaRow(r["reference"], r["owner_id"], r["display_name"]) for r in self._all(query))
        return ProgrammeRow(
            row["programme_id"], row["organisation_id"], row["year"], row["objectives"], row["planned_at"], found
        )

    def _audit_select(self) -> Any:
        audits, accounts = self.t.audits, self.t.accounts
        columns = [audits.c[name] for name in AuditRow.__dataclass_fields__ if name != "auditor_name"]
        return select(*columns, accounts.c.display_name.label("auditor_name")).outerjoin(
            accounts, _account(accounts, audits.c.tenant_id, audits.c.auditor_id)
        )

    def _filters(self, given: AuditFilter) -> list[ColumnElement[bool]]:
        audits = self.t.audits
        found: list[ColumnElement[bool]] = []
        if given.year is not None:
            found.append(audits.c.year == given.year)
        if given.status is not None:
            found.append(audits.c.status == given.status)
        if given.search:
            escaped = given.search.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            found.append(audits.c.sort_title.like(f"%{escaped}%", escape="\\"))
        return found


def _audit(row: dict[str, Any]) -> AuditRow:
    return AuditRow(**row)


def _account(accounts: Any, tenant_id: Any, account_id: Any) -> ColumnElement[bool]:
    return and_(accounts.c.tenant_id == tenant_id, accounts.c.account_id == account_id)
