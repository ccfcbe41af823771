"""An organisation's asset inventory, as far as the scope shows it: its own members, the coach of a cluster it
belongs to and the consultancy's admins (the one filter decides, by the tables' `organisation_id`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from domain.assets.scales import DEFAULT_SCALES, DIMENSIONS, ScaleSet
from projections.assets.rows import (
    AssetEventRow,
    AssetLinkRow,
    AssetPageRows,
    AssetRow,
    AssetSummary,
    CopySourceRow,
    ScaleLevelRow,
    ScalesRow,
)
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope

BY_NAME, BY_HIGHEST = "name", "highest"


@dataclass(frozen=True)
class AssetFilter:
    kind: str | None = None
    classified: bool | None = None
    search: str | None = None
    order: str = BY_NAME


@dataclass(frozen=True)
class AssetKey:
    """Where a page ends, in the order asked for: the keyset cursor's content."""

    rank: int
    sort_name: str
    asset_id: UUID


class AssetQueries(FeatureQueries):
    def assets(
        self, scope: Scope, organisation_id: UUID, first: int, after: AssetKey | None, given: AssetFilter
    ) -> AssetPageRows:
        """One page and the counts, each statement built once per kind of scope and set of filters."""
        shape = f"{given.order}:{given.kind is not None}:{given.classified}:{bool(given.search)}"
        arguments: dict[str, Any] = {"organisation_id": organisation_id, **_filter_arguments(given)}
        keyset = {} if after is None else {"rank": after.rank, "sort_name": after.sort_name, "after_id": after.asset_id}
        build_page = partial(self._page_query, order=given.order, classified=given.classified)
        page = self._prepared.get(
            f"asset-page:{shape}:{after is not None}", scope, build_page, page_size=first + 1, **arguments, **keyset
        )
        rows = [_asset(r) for r in self._all(*page)]
        counts = self._prepared.get(
            f"asset-counts:{shape}", scope, partial(self._counts_query, classified=given.classified), **arguments
        )
        found = self._one(*counts) or {}
        return AssetPageRows(rows[:first], len(rows) > first, found["m"], found["u"] or 0, found["n"])

    def _page_query(self, scope: Scope, order: str, classified: bool | None, **given: Any) -> Select[Any]:
        assets = self.t.assets
        conditions = self._inventory(scope, given["organisation_id"]) + self._filters(given, classified)
        if "after_id" in given:
            conditions.append(self._after(given["rank"], given["sort_name"], given["after_id"], order))
        ordered = [assets.c.sort_name, assets.c.asset_id]
        if order == BY_HIGHEST:
            ordered.insert(0, assets.c.rank)
        return select(*_row_columns(assets)).where(*conditions).order_by(*ordered).limit(given["page_size"])

    def _counts_query(self, scope: Scope, classified: bool | None, **given: Any) -> Select[Any]:
        """Assets matching the filters; of the whole inventory, the unclassified ones and all: one pass."""
        assets = self.t.assets
        filters = self._filters(given, classified)
        matching = func.count().filter(and_(*filters)) if filters else func.count()
        unclassified = func.count().filter(assets.c.scale_version.is_(None))
        counts = select(matching.label("m"), unclassified.label("u"), func.count().label("n"))
        return cast("Select[Any]", counts.where(*self._inventory(scope, given["organisation_id"])))

    def summary(self, scope: Scope, organisation_id: UUID) -> AssetSummary:
        assets = self.t.assets
        unclassified = func.count().filter(assets.c.scale_version.is_(None))
        query = select(func.count().label("n"), unclassified.label("u")).where(*self._inventory(scope, organisation_id))
        row = self._one(cast("Select[Any]", query)) or {}
        return AssetSummary(row.get("n") or 0, row.get("u") or 0)

    def key_of(self, row: AssetRow) -> AssetKey:
        return AssetKey(-row.highest, row.name.casefold(), row.asset_id)

    def asset(self, scope: Scope, asset_id: UUID) -> AssetRow | None:
        assets = self.t.assets
        found = self._one(
            select(*_row_columns(assets)).where(self.visible.rows(scope, assets), assets.c.asset_id == asset_id)
        )
        return None if found is None else _asset(found)

    def source(self, scope: Scope, asset_id: UUID) -> CopySourceRow | None:
        """The library template and version the asset was copied from, if it was."""
        sources = self.t.asset_sources
        found = self._one(
            select(sources.c.library_item_id, sources.c.library_version).where(
                self.visible.rows(scope, sources), sources.c.asset_id == asset_id
            )
        )
        return None if found is None else CopySourceRow(found["library_item_id"], found["library_version"])

    def dependencies(self, scope: Scope, asset_id: UUID) -> list[AssetLinkRow]:
        """What the asset depends on."""
        links = self.t.asset_dependencies
        return self._linked(scope, links.c.asset_id == asset_id, links.c.depends_on_id)

    def dependants(self, scope: Scope, asset_id: UUID) -> list[AssetLinkRow]:
        """What depends on the asset."""
        links = self.t.asset_dependencies
        return self._linked(scope, links.c.depends_on_id == asset_id, links.c.asset_id)

    def history(self, scope: Scope, asset_id: UUID) -> list[AssetEventRow]:
        """Registered first, then every change, oldest first."""
        assets, history, accounts = self.t.assets, self.t.asset_history, self.t.accounts
        registered = self._one(
            select(assets.c.registered_at, accounts.c.display_name)
            .outerjoin(accounts, _account(accounts, assets.c.tenant_id, assets.c.registered_by))
            .where(self.visible.rows(scope, assets), assets.c.asset_id == asset_id)
        )
        if registered is None:
            return []
        query = (
            select(history, accounts.c.display_name)
            .outerjoin(accounts, _account(accounts, history.c.tenant_id, history.c.acted_by))
            .where(self.visible.rows(scope, history), history.c.asset_id == asset_id)
            .order_by(history.c.version)
        )
        rows = self._all(query)
        names = self._names(scope, [r["other_asset_id"] for r in rows if r["other_asset_id"] is not None])
        first = AssetEventRow("registered", "", None, registered["display_name"], registered["registered_at"])
        return [first, *(_event(r, names) for r in rows)]

    def export_rows(self, scope: Scope, organisation_id: UUID) -> list[AssetRow]:
        """The whole inventory (retired assets left out), by name."""
        assets = self.t.assets
        query = select(*_row_columns(assets)).where(*self._inventory(scope, organisation_id))
        return [_asset(r) for r in self._all(query.order_by(assets.c.sort_name, assets.c.asset_id))]

    def scales(self, scope: Scope, version: int | None = None) -> ScalesRow | None:
        """The consultancy's scales in that version (the current one by default); the default scales if it set
        none; None for a version it never had. Every reader of the consultancy sees them."""
        levels = self.t.asset_scale_levels
        latest = self._one(select(func.max(levels.c.version).label("v")).where(self.visible.rows(scope, levels)))
        chosen = version or (latest or {}).get("v")
        if chosen is None or chosen == DEFAULT_SCALES.version:
            return _default_scales(DEFAULT_SCALES)
        rows = self._all(
            select(levels)
            .where(self.visible.rows(scope, levels), levels.c.version == chosen)
            .order_by(levels.c.dimension, levels.c.value)
        )
        if not rows:
            return None
        by_dimension = {d: tuple(_level(r) for r in rows if r["dimension"] == d) for d in DIMENSIONS}
        return ScalesRow(chosen, **by_dimension)

    def scale_set(self, scope: Scope) -> ScaleSet:
        """The current scales, as the domain checks a classification against them."""
        row = self.scales(scope) or _default_scales(DEFAULT_SCALES)
        levels = {d: tuple((lv.value, lv.label, lv.description) for lv in getattr(row, d)) for d in DIMENSIONS}
        return ScaleSet(row.version, **levels)

    def _inventory(self, scope: Scope, organisation_id: UUID) -> list[ColumnElement[bool]]:
        """The organisation's assets in view, retired ones left out."""
        assets = self.t.assets
        return [self.visible.rows(scope, assets), assets.c.organisation_id == organisation_id, assets.c.retired == 0]

    def _filters(self, given: dict[str, Any], classified: bool | None) -> list[ColumnElement[bool]]:
        assets = self.t.assets
        found: list[ColumnElement[bool]] = []
        if "kind" in given:
            found.append(assets.c.kind == given["kind"])
        if classified is not None:
            found.append(assets.c.scale_version.is_not(None) if classified else assets.c.scale_version.is_(None))
        if "pattern" in given:
            found.append(assets.c.search_text.like(given["pattern"], escape="\\"))
        return found

    def _after(self, rank: Any, sort_name: Any, asset_id: Any, order: str) -> ColumnElement[bool]:
        assets = self.t.assets
        by_name = or_(
            assets.c.sort_name > sort_name, and_(assets.c.sort_name == sort_name, assets.c.asset_id > asset_id)
        )
        if order != BY_HIGHEST:
            return by_name
        return or_(assets.c.rank > rank, and_(assets.c.rank == rank, by_name))

    def _linked(self, scope: Scope, which: ColumnElement[bool], other: Any) -> list[AssetLinkRow]:
        links, assets = self.t.asset_dependencies, self.t.assets
        query = (
            select(assets.c.asset_id, assets.c.name, assets.c.kind, assets.c.retired)
            .join(links, and_(assets.c.tenant_id == links.c.tenant_id, assets.c.asset_id == other))
            .where(self.visible.rows(scope, links), which)
            .order_by(assets.c.sort_name, assets.c.asset_id)
        )
        return [AssetLinkRow(r["asset_id"], r["name"], r["kind"], bool(r["retired"])) for r in self._all(query)]

    def _names(self, scope: Scope, ids: list[UUID]) -> dict[UUID, str]:
        if not ids:
            return {}
        assets = self.t.assets
        query = select(assets.c.asset_id, assets.c.name).where(
            self.visible.rows(scope, assets), assets.c.asset_id.in_(ids)
        )
        return {r["asset_id"]: r["name"] for r in self._all(query)}


def _filter_arguments(given: AssetFilter) -> dict[str, Any]:
    """The filters' values, passed as parameters of the prepared statements."""
    arguments: dict[str, Any] = {}
    if given.kind is not None:
        arguments["kind"] = given.kind
    if given.search:
        escaped = given.search.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        arguments["pattern"] = f"%{escaped}%"
    return arguments


def _row_columns(assets: Any) -> tuple[Any, ...]:
    return tuple(assets.c[name] for name in (*AssetRow.__dataclass_fields__,))


def _asset(r: dict[str, Any]) -> AssetRow:
    return AssetRow(**{**r, "retired": bool(r["retired"])})


def _event(r: dict[str, Any], names: dict[UUID, str]) -> AssetEventRow:
    details = names.get(r["other_asset_id"], "") if r["other_asset_id"] is not None else r["details"]
    return AssetEventRow(r["action"], details, r["reason"], r["display_name"], r["acted_at"])


def _level(r: dict[str, Any]) -> ScaleLevelRow:
    return ScaleLevelRow(r["value"], r["label"], r["description"])


def _default_scales(scales: ScaleSet) -> ScalesRow:
    levels = {d: tuple(ScaleLevelRow(*level) for level in scales.levels(d)) for d in DIMENSIONS}
    return ScalesRow(scales.version, **levels)


def _account(accounts: Any, tenant_id: Any, account_id: Any) -> ColumnElement[bool]:
    return and_(accounts.c.tenant_id == tenant_id, accounts.c.account_id == account_id)
