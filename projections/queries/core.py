"""The scope, the read rows, and the queries of consultancies, accounts, organisations, clusters and members."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Column, ColumnElement, Connection, Select, Table, and_, exists, func, select, tuple_

from projections.queries.candidates import awaiting_cluster
from projections.queries.prepared import PreparedStatements
from projections.store import ReadStore


@dataclass(frozen=True)
class Scope:
    tenant_id: UUID
    coach_id: UUID | None = None
    """When set, only the clusters this coach leads, their organisations, and organisations awaiting a cluster
    (see `candidates.awaiting_cluster`) are visible."""
    organisation_id: UUID | None = None
    """When set (a member's scope), only this organisation's clusters, and of every register its own part."""


@dataclass(frozen=True)
class ConsultancyRow:
    tenant_id: UUID
    name: str
    slug: str
    allows_clusters_above_standard_size: bool
    template_version: int
    single_organisation_baseline_days: float | None


@dataclass(frozen=True)
class AccountRow:
    tenant_id: UUID
    account_id: UUID
    email: str
    display_name: str
    roles: tuple[str, ...]
    organisation_id: UUID | None = None


@dataclass(frozen=True)
class SignIn:
    account: AccountRow
    password_hash: str


@dataclass(frozen=True)
class OrganisationRow:
    organisation_id: UUID
    name: str
    sector: str
    employee_count: int


@dataclass(frozen=True)
class ClusterRow:
    cluster_id: UUID
    name: str
    coach_id: UUID
    coach_name: str
    status: str
    planned_start: date | None
    planned_end: date | None
    started_on: date | None
    member_count: int
    plan_starts_on: date | None = None
    closed_on: date | None = None
    template: dict[str, Any] | None = None


@dataclass(frozen=True)
class MemberRow:
    cluster_id: UUID
    organisation: OrganisationRow
    evidence_small_enterprise: str
    evidence_management_commitment: str
    evidence_resources_available: str
    admitted_at: datetime
    coaching_half_days_used: int
    coaching_half_days_ceiling: int
    outcome: str = "in_progress"
    withdrawn_on: date | None = None
    withdrawal_reason: str | None = None
    established_on: date | None = None
    audit_on: date | None = None
    certification_body: str | None = None
    certified_on: date | None = None
    certificate_reference: str | None = None


@dataclass(frozen=True)
class CoachingRow:
    entry_number: int
    held_on: date
    coach_id: UUID
    coach_name: str
    module_number: int | None
    work_done: str
    next_steps: str


class CoreQueries:
    def __init__(self, store: ReadStore) -> None:
        self.store = store
        self.t = store.tables
        # Aliases for the visibility subqueries, built once: the outer query may read the same table, and the
        # subquery must not compare it with itself.
        self._membership = self.t.cluster_members.alias("visible_membership")
        self._led = self.t.clusters.alias("led_cluster")
        self._prepared = PreparedStatements()
        self._shared: ContextVar[Connection | None] = ContextVar(f"read_transaction_{id(self)}", default=None)

    @contextmanager
    def one_transaction(self) -> Iterator[None]:
        """Reads inside share one read transaction: one connection, and one view of the read models, for a
        whole document. Only for reads: a command's own writes would not show in a view taken before them."""
        if self._shared.get() is not None:
            yield
            return
        with self.store.reading() as conn:
            token = self._shared.set(conn)
            try:
                yield
            finally:
                self._shared.reset(token)

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        shared = self._shared.get()
        if shared is not None:
            yield shared
            return
        with self.store.reading() as conn:
            yield conn

    # Identity (used by sign-in only; the directory is global by design)

    def sign_in(self, email: str) -> SignIn | None:
        accounts, sign_ins = self.t.accounts, self.t.sign_ins
        query = select(accounts).join(
            sign_ins,
            and_(sign_ins.c.tenant_id == accounts.c.tenant_id, sign_ins.c.account_id == accounts.c.account_id),
        )
        row = self._one(query.where(sign_ins.c.email == email.strip().lower()))
        return None if row is None else SignIn(_account(row), row["password_hash"])

    def account(self, scope: Scope, account_id: UUID) -> AccountRow | None:
        row = self._one(*self._prepared.get("account", scope, self._account_query, account_id=account_id))
        return None if row is None else _account(row)

    def _account_query(self, scope: Scope, account_id: UUID) -> Select[Any]:
        accounts = self.t.accounts
        return select(*_account_columns(accounts)).where(
            accounts.c.tenant_id == scope.tenant_id, accounts.c.account_id == account_id
        )

    def coaches(self, scope: Scope) -> list[AccountRow]:
        """The consultancy's coaches; for a member, only those who lead its clusters."""
        rows = self._all(*self._prepared.get("coaches", scope, self._coaches_query))
        return [a for a in map(_account, rows) if "coach" in a.roles]

    def _coaches_query(self, scope: Scope) -> Select[Any]:
        accounts, clusters = self.t.accounts, self.t.clusters
        query = (
            select(*_account_columns(accounts))
            .where(accounts.c.tenant_id == scope.tenant_id, accounts.c.roles.contains("coach"))
            .order_by(accounts.c.display_name)
        )
        if scope.organisation_id is not None:
            leads = exists().where(
                clusters.c.tenant_id == scope.tenant_id,
                clusters.c.coach_id == accounts.c.account_id,
                self._cluster_visible(scope, clusters.c.cluster_id),
            )
            query = query.where(leads)
        return query

    def consultancy(self, scope: Scope) -> ConsultancyRow | None:
        row = self._one(*self._prepared.get("consultancy", scope, self._consultancy_query))
        return None if row is None else ConsultancyRow(**row)

    def _consultancy_query(self, scope: Scope) -> Select[Any]:
        consultancies = self.t.consultancies
        return select(consultancies).where(consultancies.c.tenant_id == scope.tenant_id)

    def template(self, scope: Scope, version: int | None = None) -> dict[str, Any] | None:
        """The consultancy's programme template: the current version unless another is asked for."""
        templates, consultancies = self.t.programme_templates, self.t.consultancies
        wanted = (
            version
            if version is not None
            else (
                select(consultancies.c.template_version)
                .where(consultancies.c.tenant_id == scope.tenant_id)
                .scalar_subquery()
            )
        )
        query = select(templates.c.template).where(
            templates.c.tenant_id == scope.tenant_id, templates.c.version == wanted
        )
        row = self._one(query)
        return None if row is None else dict(row["template"])

    # Organisations

    def organisations(self, scope: Scope) -> list[OrganisationRow]:
        return [_organisation(row) for row in self._all(*self._prepared.get("organisations", scope, self._orgs_query))]

    def _orgs_query(self, scope: Scope) -> Select[Any]:
        organisations = self.t.organisations
        return select(organisations).where(self._organisation_visible(scope)).order_by(organisations.c.name)

    def organisation(self, scope: Scope, organisation_id: UUID) -> OrganisationRow | None:
        organisations = self.t.organisations
        query = select(organisations).where(
            self._organisation_visible(scope), organisations.c.organisation_id == organisation_id
        )
        row = self._one(query)
        return None if row is None else _organisation(row)

    # Clusters

    def clusters(self, scope: Scope, first: int, after: tuple[str, UUID] | None) -> list[ClusterRow]:
        """Clusters ordered by name then id; `after` is the keyset (name, id) of the last one already seen."""
        clusters = self.t.clusters
        query = self._clusters_query(scope).order_by(clusters.c.name, clusters.c.cluster_id).limit(first)
        if after is not None:
            query = query.where(tuple_(clusters.c.name, clusters.c.cluster_id) > tuple_(*after))
        return [_cluster(row) for row in self._all(query)]

    def cluster(self, scope: Scope, cluster_id: UUID) -> ClusterRow | None:
        row = self._one(*self._prepared.get("cluster", scope, self._cluster_query, cluster_id=cluster_id))
        return None if row is None else _cluster(row)

    def _cluster_query(self, scope: Scope, cluster_id: UUID) -> Select[Any]:
        return self._clusters_query(scope).where(self.t.clusters.c.cluster_id == cluster_id)

    def members(self, scope: Scope, cluster_id: UUID) -> list[MemberRow]:
        query, parameters = self._prepared.get("members", scope, self._members_query, cluster_id=cluster_id)
        return [_member(row) for row in self._all(query, parameters)]

    def _members_query(self, scope: Scope, cluster_id: UUID) -> Select[Any]:
        members, organisations, coaching = self.t.cluster_members, self.t.organisations, self.t.coaching_half_days
        used = (
            select(func.count())
            .where(
                coaching.c.tenant_id == members.c.tenant_id,
                coaching.c.cluster_id == members.c.cluster_id,
                coaching.c.organisation_id == members.c.organisation_id,
            )
            .scalar_subquery()
            .label("coaching_half_days_used")
        )
        return (
            select(members, used, organisations.c.name, organisations.c.sector, organisations.c.employee_count)
            .join(
                organisations,
                and_(
                    organisations.c.tenant_id == members.c.tenant_id,
                    organisations.c.organisation_id == members.c.organisation_id,
                ),
            )
            .where(members.c.tenant_id == scope.tenant_id, members.c.cluster_id == cluster_id)
            .where(self._cluster_visible(scope, members.c.cluster_id))
            .where(self._own_register(scope, members.c.organisation_id))
            .order_by(organisations.c.name)
        )

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
            .where(coaching.c.tenant_id == scope.tenant_id, coaching.c.cluster_id == cluster_id)
            .where(self._cluster_visible(scope, coaching.c.cluster_id))
            .where(self._own_register(scope, coaching.c.organisation_id))
            .order_by(coaching.c.organisation_id, coaching.c.entry_number)
        )

    # Filters: the tenant always; a coach's assignment when the scope says so

    def _clusters_query(self, scope: Scope) -> Select[Any]:
        clusters, accounts = self.t.clusters, self.t.accounts
        return (
            select(clusters, accounts.c.display_name.label("coach_name"))
            .join(
                accounts,
                and_(accounts.c.tenant_id == clusters.c.tenant_id, accounts.c.account_id == clusters.c.coach_id),
            )
            .where(clusters.c.tenant_id == scope.tenant_id)
            .where(self._cluster_visible(scope, clusters.c.cluster_id))
        )

    def _cluster_visible(self, scope: Scope, cluster_id: ColumnElement[Any]) -> ColumnElement[bool]:
        if scope.organisation_id is not None:
            membership = self._membership
            return exists().where(
                membership.c.tenant_id == scope.tenant_id,
                membership.c.cluster_id == cluster_id,
                membership.c.organisation_id == scope.organisation_id,
            )
        if scope.coach_id is None:
            return and_(True)
        led = self._led
        return exists().where(
            led.c.tenant_id == scope.tenant_id,
            led.c.cluster_id == cluster_id,
            led.c.coach_id == scope.coach_id,
        )

    def _own_register(self, scope: Scope, organisation_id: ColumnElement[Any]) -> ColumnElement[bool]:
        """A member sees its own organisation's part of a register; coaches and admins see every part."""
        if scope.organisation_id is None:
            return and_(True)
        return organisation_id == scope.organisation_id

    def _organisation_visible(self, scope: Scope) -> ColumnElement[bool]:
        organisations, members = self.t.organisations, self.t.cluster_members
        in_tenant = organisations.c.tenant_id == scope.tenant_id
        if scope.organisation_id is not None:
            return and_(in_tenant, organisations.c.organisation_id == scope.organisation_id)
        if scope.coach_id is None:
            return in_tenant
        led_by_coach = exists().where(
            members.c.tenant_id == scope.tenant_id,
            members.c.organisation_id == organisations.c.organisation_id,
            self._cluster_visible(scope, members.c.cluster_id),
        )
        candidate = awaiting_cluster(self.t, scope.tenant_id, organisations.c.organisation_id)
        return and_(in_tenant, led_by_coach | candidate)

    def _one(self, query: Select[Any], parameters: dict[str, Any] | None = None) -> dict[str, Any] | None:
        with self._reading() as conn:
            row = conn.execute(query, parameters).mappings().first()
            return None if row is None else dict(row)

    def _all(self, query: Select[Any], parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        with self._reading() as conn:
            return [dict(row) for row in conn.execute(query, parameters).mappings()]


def _account_columns(accounts: Table) -> tuple[Column[Any], ...]:
    """An account without its password hash: what lists of people need."""
    c = accounts.c
    return (c.tenant_id, c.account_id, c.email, c.display_name, c.roles, c.organisation_id)


def _account(row: dict[str, Any]) -> AccountRow:
    roles = tuple(sorted(filter(None, row["roles"].split(","))))
    return AccountRow(
        row["tenant_id"], row["account_id"], row["email"], row["display_name"], roles, row["organisation_id"]
    )


_COACHING_COLUMNS = (
    "organisation_id",
    "entry_number",
    "held_on",
    "coach_id",
    "module_number",
    "work_done",
    "next_steps",
)
"""What a coaching row shows: not the keys the query filters on, nor who logged it when."""


def _coaching(r: dict[str, Any]) -> CoachingRow:
    return CoachingRow(
        r["entry_number"],
        r["held_on"],
        r["coach_id"],
        r["coach_name"],
        r["module_number"],
        r["work_done"],
        r["next_steps"],
    )


def _organisation(row: dict[str, Any]) -> OrganisationRow:
    return OrganisationRow(row["organisation_id"], row["name"], row["sector"], row["employee_count"])


def _cluster(row: dict[str, Any]) -> ClusterRow:
    return ClusterRow(
        row["cluster_id"],
        row["name"],
        row["coach_id"],
        row["coach_name"],
        row["status"],
        row["planned_start"],
        row["planned_end"],
        row["started_on"],
        row["member_count"],
        row["plan_starts_on"],
        row["closed_on"],
        row["template"],
    )


def _member(row: dict[str, Any]) -> MemberRow:
    return MemberRow(
        cluster_id=row["cluster_id"],
        organisation=OrganisationRow(row["organisation_id"], row["name"], row["sector"], row["employee_count"]),
        evidence_small_enterprise=row["evidence_small_enterprise"],
        evidence_management_commitment=row["evidence_management_commitment"],
        evidence_resources_available=row["evidence_resources_available"],
        admitted_at=row["admitted_at"],
        coaching_half_days_used=row["coaching_half_days_used"],
        coaching_half_days_ceiling=row["coaching_half_days_ceiling"],
        outcome=row["outcome"],
        withdrawn_on=row["withdrawn_on"],
        withdrawal_reason=row["withdrawal_reason"],
        established_on=row["established_on"],
        audit_on=row["audit_on"],
        certification_body=row["certification_body"],
        certified_on=row["certified_on"],
        certificate_reference=row["certificate_reference"],
    )
