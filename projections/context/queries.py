"""An organisation's context, as far as the scope shows it: its own member accounts, the coach of a cluster it
belongs to (or awaits) and its consultancy's admins see it; nobody else (the one filter, `projections/core/scope.py`).

Lists are pages in a keyset order: a sort column, then the item id; `after` is the last item's sort value and id.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import fields
from datetime import datetime
from typing import Any, TypeVar, cast
from uuid import UUID

from sqlalchemy import Select, Table, and_, exists, func, select, tuple_

from domain.context.rules import person_key, role_conflicts
from projections.context.rows import (
    AdmissionEvidenceRow,
    AnswerRow,
    CommitmentRow,
    ContextSummary,
    Exclusion,
    HistoryRow,
    IssueFilter,
    IssueRow,
    MemberAccountRow,
    Page,
    PartyFilter,
    PartyRow,
    RequirementRow,
    RoleFilter,
    RoleRow,
    ScopeVersionRow,
    Sort,
)
from projections.core.reading import FeatureQueries, same
from projections.core.scope import Scope

R = TypeVar("R")


class ContextQueries(FeatureQueries):
    def issues(self, scope: Scope, organisation_id: UUID, given: IssueFilter, sort: Sort, page: Page) -> list[IssueRow]:
        issues = self.t.context_issues
        conditions = _equal(issues, side=given.side, category=given.category, status=given.status)
        if given.search:
            conditions.append(_contains(issues.c.text, given.search))
        query = self._page(scope, issues, organisation_id, conditions, sort, page)
        return [_row(IssueRow, row) for row in self._all(query)]

    def parties(
        self, scope: Scope, organisation_id: UUID, given: PartyFilter, sort: Sort, page: Page
    ) -> list[PartyRow]:
        parties = self.t.context_parties
        conditions = _equal(parties, environment=given.environment, kind=given.kind, status=given.status)
        if given.search:
            conditions.append(_contains(parties.c.name, given.search))
        rows = self._all(self._page(scope, parties, organisation_id, conditions, sort, page))
        answers, requirements = (
            self._answers(scope, organisation_id, rows),
            self._requirements(scope, organisation_id, rows),
        )
        return [
            _row(PartyRow, row, answers=answers[row["item_id"]], requirements=requirements[row["item_id"]])
            for row in rows
        ]

    def roles(self, scope: Scope, organisation_id: UUID, given: RoleFilter, sort: Sort, page: Page) -> list[RoleRow]:
        roles = self.t.context_roles
        conditions = _equal(roles, kind=given.kind, status=given.status)
        if given.person:
            conditions.append(_contains(roles.c.person_name, given.person))
        rows = self._all(self._page(scope, roles, organisation_id, conditions, sort, page))
        held = self._held_together(scope, organisation_id)
        return [_row(RoleRow, row, conflicts=_conflicts(row, held)) for row in rows]

    def summary(self, scope: Scope, organisation_id: UUID) -> ContextSummary:
        """Current issues, parties and roles, the scope's latest version and the commitments recorded (one
        statement, built once per kind of scope: readiness reads it for every member of a cluster)."""
        query, parameters = self._prepared.get(
            "context_summary", scope, self._summary_query, organisation_id=organisation_id
        )
        return _context_summary(self._one(query, parameters) or {})

    def summaries(self, scope: Scope, organisation_ids: list[UUID]) -> dict[UUID, ContextSummary]:
        """`summary` of several organisations, in one statement (a cluster's dashboard reads every member's)."""
        rows = self._per_organisation("context_summaries", scope, self._summary_query, organisation_ids, False)
        found = {row["of_organisation"]: _context_summary(row) for row in rows}
        return {organisation: found.get(organisation, _context_summary({})) for organisation in organisation_ids}

    def _summary_query(self, scope: Scope, organisation_id: Any) -> Select[Any]:
        t = self.t

        def mine(table: Table) -> list[Any]:
            return [self.visible.rows(scope, table), table.c.organisation_id == organisation_id]

        def current(table: Table) -> Any:
            return select(func.count()).where(*mine(table), table.c.status == "current").scalar_subquery()

        versions, commitments = t.context_scope_versions, t.context_commitments
        query = select(
            current(t.context_issues).label("issues"),
            current(t.context_parties).label("parties"),
            current(t.context_roles).label("roles"),
            select(func.max(versions.c.version)).where(*mine(versions)).scalar_subquery().label("scope"),
            select(func.count()).where(*mine(commitments)).scalar_subquery().label("commitments"),
        )
        return query

    def scope_versions(self, scope: Scope, organisation_id: UUID) -> list[ScopeVersionRow]:
        """Every version of the scope statement, the newest first."""
        versions, accounts = self.t.context_scope_versions, self.t.accounts
        query = (
            select(versions, accounts.c.display_name)
            .outerjoin(accounts, _who(accounts, versions.c.tenant_id, versions.c.stated_by))
            .where(self.visible.rows(scope, versions), versions.c.organisation_id == organisation_id)
            .order_by(versions.c.version.desc())
        )
        return [_scope_version(row) for row in self._all(query)]

    def commitments(self, scope: Scope, organisation_id: UUID) -> list[CommitmentRow]:
        """Every record of management's commitment, the newest first."""
        records, accounts = self.t.context_commitments, self.t.accounts
        query = (
            select(records, accounts.c.display_name)
            .outerjoin(accounts, _who(accounts, records.c.tenant_id, records.c.recorded_by))
            .where(self.visible.rows(scope, records), records.c.organisation_id == organisation_id)
            .order_by(records.c.version.desc())
        )
        return [_commitment(row) for row in self._all(query)]

    def admission_evidence(self, scope: Scope, organisation_id: UUID) -> list[AdmissionEvidenceRow]:
        """The commitment evidence recorded at each admission of the organisation to a cluster in view."""
        members, clusters = self.t.cluster_members, self.t.clusters
        query = (
            select(
                members.c.cluster_id,
                clusters.c.name,
                members.c.evidence_management_commitment,
                members.c.admitted_at,
            )
            .join(clusters, same(clusters, members, "tenant_id", "cluster_id"))
            .where(self.visible.rows(scope, members), members.c.organisation_id == organisation_id)
            .order_by(members.c.admitted_at, members.c.cluster_id)
        )
        return [AdmissionEvidenceRow(*row.values()) for row in self._all(query)]

    def member_accounts(self, scope: Scope, organisation_id: UUID) -> list[MemberAccountRow]:
        """The organisation's active member accounts, by name: the people a role may name by their account."""
        accounts, off = self.t.accounts, self.t.deactivated_accounts
        active = ~exists().where(off.c.tenant_id == accounts.c.tenant_id, off.c.account_id == accounts.c.account_id)
        query = (
            select(accounts.c.account_id, accounts.c.display_name)
            .where(self.visible.rows(scope, accounts), accounts.c.organisation_id == organisation_id, active)
            .order_by(accounts.c.display_name, accounts.c.account_id)
        )
        return [MemberAccountRow(*row.values()) for row in self._all(query)]

    def history(self, scope: Scope, organisation_id: UUID, item_ids: list[UUID]) -> dict[UUID, list[HistoryRow]]:
        """What was done to each of these issues, parties or roles, oldest first, in one read."""
        history, accounts = self.t.context_history, self.t.accounts
        query = (
            select(
                history.c.item_id,
                history.c.version,
                history.c.action,
                history.c.summary,
                history.c.reason,
                accounts.c.display_name,
                history.c.acted_at,
            )
            .outerjoin(accounts, _who(accounts, history.c.tenant_id, history.c.acted_by))
            .where(self.visible.rows(scope, history), history.c.organisation_id == organisation_id)
            .where(history.c.item_id.in_(item_ids))
            .order_by(history.c.item_id, history.c.version)
        )
        found: dict[UUID, list[HistoryRow]] = {item: [] for item in item_ids}
        for row in self._all(query):
            found[row.pop("item_id")].append(HistoryRow(*row.values()))
        return found

    def _page(
        self, scope: Scope, table: Table, organisation_id: UUID, conditions: list[Any], sort: Sort, page: Page
    ) -> Select[Any]:
        column, item = table.c[sort.column], table.c.item_id
        query = select(table).where(self.visible.rows(scope, table), table.c.organisation_id == organisation_id)
        if page.after is not None:
            keyset = tuple_(column, item), tuple_(_typed(column, page.after[0]), page.after[1])
            query = query.where(keyset[0] < keyset[1] if sort.descending else keyset[0] > keyset[1])
        order = (column.desc(), item.desc()) if sort.descending else (column, item)
        return query.where(*conditions).order_by(*order).limit(page.first)

    def _answers(
        self, scope: Scope, organisation_id: UUID, parties: list[dict[str, Any]]
    ) -> dict[UUID, tuple[AnswerRow, ...]]:
        answers = self.t.context_party_answers
        found: dict[UUID, list[AnswerRow]] = defaultdict(list)
        for row in self._of_items(scope, answers, organisation_id, parties, answers.c.question_key):
            found[row["item_id"]].append(_row(AnswerRow, row))
        return defaultdict(tuple, {key: tuple(value) for key, value in found.items()})

    def _requirements(
        self, scope: Scope, organisation_id: UUID, parties: list[dict[str, Any]]
    ) -> dict[UUID, tuple[RequirementRow, ...]]:
        requirements = self.t.context_requirements
        found: dict[UUID, list[RequirementRow]] = defaultdict(list)
        for row in self._of_items(scope, requirements, organisation_id, parties, requirements.c.number):
            found[row["item_id"]].append(_row(RequirementRow, row))
        return defaultdict(tuple, {key: tuple(value) for key, value in found.items()})

    def _of_items(
        self, scope: Scope, table: Table, organisation_id: UUID, items: list[dict[str, Any]], order: Any
    ) -> list[dict[str, Any]]:
        if not items:
            return []
        query = (
            select(table)
            .where(self.visible.rows(scope, table), table.c.organisation_id == organisation_id)
            .where(table.c.item_id.in_([item["item_id"] for item in items]))
            .order_by(table.c.item_id, order)
        )
        return self._all(query)

    def _held_together(self, scope: Scope, organisation_id: UUID) -> dict[str, list[str]]:
        """The kinds of the current roles each person holds in the organisation."""
        roles = self.t.context_roles
        query = select(roles.c.kind, roles.c.person_name, roles.c.account_id).where(
            self.visible.rows(scope, roles), roles.c.organisation_id == organisation_id, roles.c.status == "current"
        )
        held: dict[str, list[str]] = defaultdict(list)
        for row in self._all(query):
            held[person_key(row["person_name"], row["account_id"])].append(row["kind"])
        return held


def _row(kind: type[R], row: dict[str, Any], **more: Any) -> R:
    """The read row of `kind` from the table row's columns it names."""
    return kind(**{f.name: row[f.name] for f in fields(cast(Any, kind)) if f.name in row}, **more)


def _conflicts(row: dict[str, Any], held: dict[str, list[str]]) -> tuple[str, ...]:
    if row["status"] != "current":
        return ()
    return tuple(role_conflicts(held.get(person_key(row["person_name"], row["account_id"]), [])))


def _equal(table: Table, **wanted: str | None) -> list[Any]:
    return [table.c[name] == value for name, value in wanted.items() if value is not None]


def _contains(column: Any, text: str) -> Any:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped.lower()}%", escape="\\")


def _typed(column: Any, value: str) -> Any:
    """A keyset's sort value, given as text, as the column holds it."""
    if isinstance(column.type.python_type, type) and issubclass(column.type.python_type, datetime):
        return datetime.fromisoformat(value)
    return value


def _who(accounts: Table, tenant_id: Any, account_id: Any) -> Any:
    return and_(accounts.c.tenant_id == tenant_id, accounts.c.account_id == account_id)


def _scope_version(row: dict[str, Any]) -> ScopeVersionRow:
    exclusions = tuple(Exclusion(e["what"], e["justification"]) for e in row["exclusions"])
    texts = (row["statement"], row["boundaries"], row["interfaces"])
    return ScopeVersionRow(row["version"], *texts, exclusions, row["reason"], row["display_name"], row["stated_at"])


def _commitment(row: dict[str, Any]) -> CommitmentRow:
    facts = (row["version"], row["evidence"], row["committed_on"], row["admission_cluster_id"], row["reason"])
    return CommitmentRow(*facts, row["display_name"], row["recorded_at"])


__all__ = ["ContextQueries"]


def _context_summary(row: dict[str, Any]) -> ContextSummary:
    return ContextSummary(
        row.get("issues") or 0, row.get("parties") or 0, row.get("roles") or 0, row.get("scope"),
        row.get("commitments") or 0,
    )  # fmt: skip
