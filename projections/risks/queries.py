"""An organisation's risk register, treatment plan and objectives, as far as the scope shows them: its own members,
the coach of a cluster it belongs to and the consultancy's admins (the one filter decides, by the tables'
`organisation_id`). The consultancy's method is read by everyone of the consultancy."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial
from typing import Any, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from domain.risks.method import DEFAULT_METHOD, RiskMethod, from_stored
from domain.risks.rules import FINISHED, Status
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.risks.rows import (
    ActionRow,
    HeatCellRow,
    HeatMapRows,
    ObjectiveRow,
    OwnerRow,
    ReviewRow,
    RiskAssetRow,
    RiskControlRow,
    RiskEventRow,
    RiskPageRows,
    RiskRow,
    RiskSummary,
    TreatingRisk,
)

BY_TITLE, BY_LEVEL, BY_RESIDUAL = "title", "level", "residual"
NEVER = datetime(1970, 1, 1, tzinfo=UTC)
"""The last review of a register that never had one: every risk in it is new."""
ROW_COLUMNS = tuple(name for name in RiskRow.__dataclass_fields__ if name not in ("owner_name", "since_review"))


@dataclass(frozen=True)
class RiskFilter:
    level: int | None = None
    status: str | None = None
    owner_id: UUID | None = None
    option: str | None = None
    search: str | None = None
    order: str = BY_TITLE


@dataclass(frozen=True)
class RiskKey:
    """Where a page ends, in the order asked for: the keyset cursor's content."""

    rank: int
    sort_title: str
    risk_id: UUID


@dataclass(frozen=True)
class DueKey:
    due_on: date
    item_id: UUID


class RiskQueries(FeatureQueries):
    def risks(
        self, scope: Scope, organisation_id: UUID, first: int, after: RiskKey | None, given: RiskFilter
    ) -> RiskPageRows:
        """One page and the counts, each statement built once per kind of scope and set of filters."""
        review = self.last_review(scope, organisation_id)
        reviewed_at = _aware(review.held_at) if review else NEVER
        closed = given.status == "closed"
        shape = (
            f"{given.order}:{given.level is not None}:{given.status is not None}:{given.owner_id is not None}:"
            f"{given.option is not None}:{bool(given.search)}:{closed}"
        )
        arguments: dict[str, Any] = {"organisation_id": organisation_id, **_filter_arguments(given)}
        keyset = (
            {} if after is None else {"rank": after.rank, "sort_title": after.sort_title, "after_id": after.risk_id}
        )
        build_page = partial(self._page_query, order=given.order, closed=closed)
        page = self._prepared.get(
            f"risk-page:{shape}:{after is not None}", scope, build_page, page_size=first + 1, **arguments, **keyset
        )
        rows = [_risk(r, reviewed_at) for r in self._all(*page)]
        kept = self._prepared.get("risk-register-counts", scope, self._kept_counts, organisation_id=organisation_id)
        register = self._one(*kept) or {}
        matching = register.get("open_count") or 0
        if closed or len(arguments) > 1:
            counts = self._prepared.get(
                f"risk-counts:{shape}", scope, partial(self._counts_query, closed=closed), **arguments
            )
            matching = (self._one(*counts) or {}).get("m") or 0
        return RiskPageRows(
            rows[:first],
            len(rows) > first,
            matching,
            register.get("open_count") or 0,
            register.get("new_count") or 0,
            register.get("changed_count") or 0,
            register.get("closed_count") or 0,
            review,
        )

    def _page_query(self, scope: Scope, order: str, closed: bool, **given: Any) -> Select[Any]:
        risks, accounts = self.t.risks, self.t.accounts
        conditions = [*self._register(scope, given["organisation_id"], closed), *self._filters(given)]
        if "after_id" in given:
            conditions.append(self._after(given["rank"], given["sort_title"], given["after_id"], order))
        ordered = [risks.c.sort_title, risks.c.risk_id]
        if order in (BY_LEVEL, BY_RESIDUAL):
            ordered.insert(0, _rank(risks, order))
        owner = and_(accounts.c.tenant_id == risks.c.tenant_id, accounts.c.account_id == risks.c.owner_id)
        query = select(*_row_columns(risks), accounts.c.display_name.label("owner_name")).outerjoin(accounts, owner)
        return query.where(*conditions).order_by(*ordered).limit(given["page_size"])

    def _counts_query(self, scope: Scope, closed: bool, **given: Any) -> Select[Any]:
        """Risks matching the filters, found by the index of the filter given (or read from one alone)."""
        conditions = [*self._register(scope, given["organisation_id"], closed), *self._filters(given)]
        return cast("Select[Any]", select(func.count().label("m")).where(*conditions))

    def _kept_counts(self, scope: Scope, **given: Any) -> Select[Any]:
        """The open risks and those new, changed and closed since the last review, as the projection keeps them."""
        counts = self.t.risk_register_counts
        where = (self.visible.rows(scope, counts), counts.c.organisation_id == given["organisation_id"])
        return cast("Select[Any]", select(counts).where(*where))

    def key_of(self, row: RiskRow, order: str) -> RiskKey:
        level = row.residual_level if order == BY_RESIDUAL else row.level
        return RiskKey(-(level or 0), row.title.casefold(), row.risk_id)

    def risk(self, scope: Scope, risk_id: UUID) -> RiskRow | None:
        risks, accounts = self.t.risks, self.t.accounts
        owner = and_(accounts.c.tenant_id == risks.c.tenant_id, accounts.c.account_id == risks.c.owner_id)
        query = (
            select(*_row_columns(risks), accounts.c.display_name.label("owner_name"))
            .outerjoin(accounts, owner)
            .where(self.visible.rows(scope, risks), risks.c.risk_id == risk_id)
        )
        found = self._one(query)
        if found is None:
            return None
        review = self.last_review(scope, found["organisation_id"])
        return _risk(found, _aware(review.held_at) if review else NEVER)

    def risk_assets(self, scope: Scope, risk_id: UUID) -> list[RiskAssetRow]:
        """The assets a risk concerns, with their classification (the impact it suggests)."""
        links, assets = self.t.risk_assets, self.t.assets
        query = (
            select(
                assets.c.asset_id,
                assets.c.name,
                assets.c.confidentiality,
                assets.c.integrity,
                assets.c.availability,
                assets.c.scale_version,
            )
            .join(links, and_(assets.c.tenant_id == links.c.tenant_id, assets.c.asset_id == links.c.asset_id))
            .where(self.visible.rows(scope, links), links.c.risk_id == risk_id)
            .order_by(assets.c.sort_name, assets.c.asset_id)
        )
        return [RiskAssetRow(**r) for r in self._all(query)]

    def risk_controls(self, scope: Scope, risk_id: UUID) -> list[RiskControlRow]:
        controls = self.t.risk_controls
        query = (
            select(controls.c.catalogue_id, controls.c.control_id, controls.c.name)
            .where(self.visible.rows(scope, controls), controls.c.risk_id == risk_id)
            .order_by(controls.c.position)
        )
        return [RiskControlRow(**r) for r in self._all(query)]

    def history(self, scope: Scope, risk_id: UUID) -> list[RiskEventRow]:
        """Identified first, then every change, oldest first."""
        history, accounts = self.t.risk_history, self.t.accounts
        actor = and_(accounts.c.tenant_id == history.c.tenant_id, accounts.c.account_id == history.c.acted_by)
        query = (
            select(history, accounts.c.display_name)
            .outerjoin(accounts, actor)
            .where(self.visible.rows(scope, history), history.c.risk_id == risk_id)
            .order_by(history.c.version)
        )
        return [
            RiskEventRow(r["action"], r["details"], r["reason"], r["display_name"], r["acted_at"])
            for r in self._all(query)
        ]

    def last_review(self, scope: Scope, organisation_id: UUID) -> ReviewRow | None:
        reviews, accounts = self.t.risk_reviews, self.t.accounts
        by = and_(accounts.c.tenant_id == reviews.c.tenant_id, accounts.c.account_id == reviews.c.held_by)
        query = (
            select(reviews.c.held_on, reviews.c.notes, accounts.c.display_name.label("held_by"), reviews.c.held_at)
            .outerjoin(accounts, by)
            .where(self.visible.rows(scope, reviews), reviews.c.organisation_id == organisation_id)
            .order_by(reviews.c.held_at.desc())
            .limit(1)
        )
        found = self._one(query)
        return None if found is None else ReviewRow(**found)

    def latest_review_on(self, scope: Scope, organisation_id: UUID) -> date | None:
        """The latest day a review of the register was held on, whatever the order they were recorded in (a review
        recorded late for the record is not the latest)."""
        query, parameters = self._prepared.get(
            "risks_latest_review", scope, self._latest_review_query, organisation_id=organisation_id
        )
        found = self._one(query, parameters)
        return None if found is None else found["on"]

    def latest_reviews_on(self, scope: Scope, organisation_ids: list[UUID]) -> dict[UUID, date | None]:
        """`latest_review_on` of several organisations, in one statement."""
        rows = self._per_organisation("risks_latest_reviews", scope, self._latest_review_query, organisation_ids, True)
        found = {row["of_organisation"]: row["on"] for row in rows}
        return {organisation: found.get(organisation) for organisation in organisation_ids}

    def _latest_review_query(self, scope: Scope, organisation_id: Any) -> Select[Any]:
        reviews = self.t.risk_reviews
        return select(func.max(reviews.c.held_on).label("on")).where(
            self.visible.rows(scope, reviews), reviews.c.organisation_id == organisation_id
        )

    def heat_map(self, scope: Scope, organisation_id: UUID) -> HeatMapRows:
        risks = self.t.risks
        where = (self.visible.rows(scope, risks), risks.c.organisation_id == organisation_id, risks.c.open == 1)
        return HeatMapRows(
            self._cells(where, risks.c.likelihood, risks.c.impact),
            self._cells(where, risks.c.residual_likelihood, risks.c.residual_impact),
        )

    def _cells(self, where: tuple[ColumnElement[bool], ...], likelihood: Any, impact: Any) -> list[HeatCellRow]:
        query = (
            select(likelihood.label("likelihood"), impact.label("impact"), func.count().label("count"))
            .where(*where, likelihood.is_not(None))
            .group_by(likelihood, impact)
        )
        return [HeatCellRow(**r) for r in self._all(query)]

    def summary(self, scope: Scope, organisation_id: UUID, today: date) -> RiskSummary:
        """Open risks, those still to assess or treat, those above the acceptance criteria (judged on the method
        each was assessed or treated with) and not accepted, expired acceptances and overdue plan actions."""
        # Two statements, each built once per kind of scope: readiness reads them for every member of a cluster.
        query, parameters = self._prepared.get(
            "risks_summary", scope, self._summary_query, organisation_id=organisation_id, today=today
        )
        found = self._one(query, parameters) or {}
        query, parameters = self._prepared.get(
            "risks_by_level", scope, self._by_level_query, organisation_id=organisation_id
        )
        return _risk_summary(found, self._above(scope, self._all(query, parameters)))

    def summaries(self, scope: Scope, organisation_ids: list[UUID], today: date) -> dict[UUID, RiskSummary]:
        """`summary` of several organisations, in two statements (a cluster's dashboard reads every member's)."""
        rows = self._per_organisation(
            "risks_summaries", scope, self._summary_query, organisation_ids, False, today=today
        )
        found = {row["of_organisation"]: row for row in rows}
        levels: dict[UUID, list[dict[str, Any]]] = {}
        for row in self._per_organisation("risks_by_levels", scope, self._by_level_query, organisation_ids, True):
            levels.setdefault(row["of_organisation"], []).append(row)
        return {
            organisation: _risk_summary(found.get(organisation, {}), self._above(scope, levels.get(organisation, [])))
            for organisation in organisation_ids
        }

    def _above(self, scope: Scope, by_level: list[dict[str, Any]]) -> int:
        """Open risks not accepted above the acceptance criteria of the method each was judged on."""
        return sum(
            row["n"]
            for row in by_level
            if (method := self.method(scope, row["v"])) is not None and method.needs_management(row["l"])
        )

    def _summary_query(self, scope: Scope, organisation_id: Any, today: Any) -> Select[Any]:
        risks, actions = self.t.risks, self.t.treatment_actions
        c = risks.c
        mine = [self.visible.rows(scope, risks), c.organisation_id == organisation_id, c.open == 1]

        def count(*where: Any) -> Any:
            return select(func.count()).where(*mine, *where).scalar_subquery()

        overdue = select(func.count()).where(
            self.visible.rows(scope, actions), actions.c.organisation_id == organisation_id,
            actions.c.due_on < today, actions.c.status.not_in(FINISHED),
        )  # fmt: skip
        return select(
            count().label("open"),
            count(c.status == Status.IDENTIFIED).label("unassessed"),
            count(c.status == Status.ASSESSED).label("untreated"),
            count(c.status == Status.ACCEPTED, c.accepted_until < today).label("expired"),
            overdue.scalar_subquery().label("overdue"),
        )

    def _by_level_query(self, scope: Scope, organisation_id: Any) -> Select[Any]:
        """Open risks not accepted, counted by the method version and level each was judged on."""
        c = self.t.risks.c
        version = func.coalesce(c.treatment_method_version, c.method_version)
        level = func.coalesce(c.residual_level, c.level)
        by_level = select(version.label("v"), level.label("l"), func.count().label("n")).where(
            self.visible.rows(scope, self.t.risks), c.organisation_id == organisation_id, c.open == 1,
            c.status != Status.ACCEPTED, level.is_not(None),
        )  # fmt: skip
        return cast("Select[Any]", by_level.group_by(version, level))

    def treating_by_control(self, scope: Scope, organisation_id: UUID) -> dict[str, list[TreatingRisk]]:
        """The organisation's open risks whose current treatment chose a catalogue's control, keyed
        `"<catalogue_id>:<control_id>"`, each list by title."""
        risks, controls = self.t.risks, self.t.risk_controls
        query = (
            select(
                controls.c.catalogue_id,
                controls.c.control_id,
                risks.c.risk_id,
                risks.c.title,
                risks.c.level_label,
                risks.c.residual_level_label,
                risks.c.status,
            )
            .join(risks, and_(risks.c.tenant_id == controls.c.tenant_id, risks.c.risk_id == controls.c.risk_id))
            .where(
                self.visible.rows(scope, controls),
                controls.c.organisation_id == organisation_id,
                controls.c.catalogue_id.is_not(None),
                risks.c.open == 1,
            )
            .order_by(risks.c.sort_title, risks.c.risk_id)
        )
        found: dict[str, list[TreatingRisk]] = {}
        for r in self._all(query):
            treating = TreatingRisk(r["risk_id"], r["title"], r["level_label"], r["residual_level_label"], r["status"])
            found.setdefault(f"{r['catalogue_id']}:{r['control_id']}", []).append(treating)
        return found

    def owners(self, scope: Scope, organisation_id: UUID) -> list[OwnerRow]:
        """The organisation's member accounts: who may own its risks."""
        accounts = self.t.accounts
        query = (
            select(accounts.c.account_id, accounts.c.display_name)
            .where(self.visible.rows(scope, accounts), accounts.c.organisation_id == organisation_id)
            .order_by(accounts.c.display_name, accounts.c.account_id)
        )
        return [OwnerRow(r["account_id"], r["display_name"]) for r in self._all(query)]

    def titles(self, scope: Scope, risk_ids: list[UUID]) -> dict[UUID, str]:
        if not risk_ids:
            return {}
        risks = self.t.risks
        query = select(risks.c.risk_id, risks.c.title).where(
            self.visible.rows(scope, risks), risks.c.risk_id.in_(risk_ids)
        )
        return {r["risk_id"]: r["title"] for r in self._all(query)}

    def actions(
        self, scope: Scope, organisation_id: UUID, first: int, after: DueKey | None, status: str | None
    ) -> tuple[list[ActionRow], bool]:
        """The treatment plan's actions by due date, one page."""
        actions = self.t.treatment_actions
        query = self._by_due(scope, actions, actions.c.action_id, organisation_id, first, after, status)
        rows = [_action(r) for r in self._all(query)]
        return rows[:first], len(rows) > first

    def objectives(
        self, scope: Scope, organisation_id: UUID, first: int, after: DueKey | None, status: str | None
    ) -> tuple[list[ObjectiveRow], bool]:
        objectives = self.t.security_objectives
        query = self._by_due(scope, objectives, objectives.c.objective_id, organisation_id, first, after, status)
        rows = [_objective(r) for r in self._all(query)]
        return rows[:first], len(rows) > first

    def action(self, scope: Scope, action_id: UUID) -> ActionRow | None:
        actions = self.t.treatment_actions
        found = self._one(select(actions).where(self.visible.rows(scope, actions), actions.c.action_id == action_id))
        return None if found is None else _action(found)

    def objective(self, scope: Scope, objective_id: UUID) -> ObjectiveRow | None:
        objectives = self.t.security_objectives
        found = self._one(
            select(objectives).where(self.visible.rows(scope, objectives), objectives.c.objective_id == objective_id)
        )
        return None if found is None else _objective(found)

    def _by_due(
        self,
        scope: Scope,
        table: Any,
        item_id: Any,
        organisation_id: UUID,
        first: int,
        after: DueKey | None,
        status: str | None,
    ) -> Select[Any]:
        conditions = [self.visible.rows(scope, table), table.c.organisation_id == organisation_id]
        if status is not None:
            conditions.append(table.c.status == status)
        if after is not None:
            conditions.append(
                or_(table.c.due_on > after.due_on, and_(table.c.due_on == after.due_on, item_id > after.item_id))
            )
        return select(table).where(*conditions).order_by(table.c.due_on, item_id).limit(first + 1)

    def method(self, scope: Scope, version: int | None = None) -> RiskMethod | None:
        """The consultancy's method in that version (the current one by default); the default method if it set
        none; None for a version it never had."""
        methods = self.t.risk_methods
        if version is None:
            query, parameters = self._prepared.get("risk_method_latest", scope, self._latest_method_query)
            version = (self._one(query, parameters) or {}).get("v")
        if version is None or version == DEFAULT_METHOD.version:
            return DEFAULT_METHOD
        found = self._one(
            select(methods.c.definition).where(self.visible.rows(scope, methods), methods.c.version == version)
        )
        return None if found is None else from_stored(version, json.loads(found["definition"]))

    def _latest_method_query(self, scope: Scope) -> Select[Any]:
        methods = self.t.risk_methods
        return select(func.max(methods.c.version).label("v")).where(self.visible.rows(scope, methods))

    def _register(self, scope: Scope, organisation_id: Any, closed: bool) -> list[ColumnElement[bool]]:
        risks = self.t.risks
        return [
            self.visible.rows(scope, risks),
            risks.c.organisation_id == organisation_id,
            risks.c.open == (0 if closed else 1),
        ]

    def _filters(self, given: dict[str, Any]) -> list[ColumnElement[bool]]:
        c = self.t.risks.c
        found: list[ColumnElement[bool]] = []
        if "level" in given:
            found.append(c.rank == -given["level"])  # the index by level holds minus the level
        if "status" in given:
            found.append(c.status == given["status"])
        if "owner_id" in given:
            found.append(c.owner_id == given["owner_id"])
        if "option" in given:
            found.append(c.option == given["option"])
        if "pattern" in given:
            found.append(c.search_text.like(given["pattern"], escape="\\"))
        return found

    def _after(self, rank: Any, sort_title: Any, risk_id: Any, order: str) -> ColumnElement[bool]:
        risks = self.t.risks
        by_title = or_(
            risks.c.sort_title > sort_title, and_(risks.c.sort_title == sort_title, risks.c.risk_id > risk_id)
        )
        if order == BY_TITLE:
            return by_title
        ranked = _rank(risks, order)
        return or_(ranked > rank, and_(ranked == rank, by_title))


def _rank(risks: Any, order: str) -> Any:
    return risks.c.residual_rank if order == BY_RESIDUAL else risks.c.rank


def _filter_arguments(given: RiskFilter) -> dict[str, Any]:
    """The filters' values, passed as parameters of the prepared statements."""
    arguments: dict[str, Any] = {}
    for name in ("level", "status", "owner_id", "option"):
        if getattr(given, name) is not None:
            arguments[name] = getattr(given, name)
    if given.search:
        escaped = given.search.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        arguments["pattern"] = f"%{escaped}%"
    return arguments


def _row_columns(risks: Any) -> tuple[Any, ...]:
    return tuple(risks.c[name] for name in ROW_COLUMNS)


def _risk(r: dict[str, Any], reviewed_at: datetime) -> RiskRow:
    values = {name: r[name] for name in ROW_COLUMNS}
    values["management_decided"] = bool(values["management_decided"])
    return RiskRow(**values, owner_name=r.get("owner_name"), since_review=_since(r, reviewed_at))


def _since(r: dict[str, Any], reviewed_at: datetime) -> str | None:
    def after(moment: datetime | None) -> bool:
        return moment is not None and _aware(moment) > reviewed_at

    if after(r["closed_at"]):
        return "closed"
    if after(r["identified_at"]):
        return "new"
    return "changed" if after(r["changed_at"]) else None


def _aware(moment: datetime) -> datetime:
    """SQLite gives back naive times, in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _action(r: dict[str, Any]) -> ActionRow:
    values = {name: r[name] for name in ActionRow.__dataclass_fields__}
    values["risk_ids"] = tuple(UUID(found) for found in json.loads(r["risk_ids"]))
    values["controls"] = tuple(json.loads(r["controls"]))
    return ActionRow(**values)


def _objective(r: dict[str, Any]) -> ObjectiveRow:
    return ObjectiveRow(**{name: r[name] for name in ObjectiveRow.__dataclass_fields__})


def _risk_summary(found: dict[str, Any], above: int) -> RiskSummary:
    return RiskSummary(
        found.get("open") or 0, found.get("unassessed") or 0, found.get("untreated") or 0, above,
        found.get("expired") or 0, found.get("overdue") or 0,
    )  # fmt: skip
