"""The asset inventory: one row per asset, its links, what was done to it, and the consultancy's scales.

A registration writes the asset's row only, so an imported file's registrations go as one executemany."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update

from domain.assets.asset import Asset
from domain.assets.scales import DIMENSIONS, ClassificationScales
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class AssetProjection(Projection):
    name = "assets"
    handles = {
        (Asset, "Registered"): "registered",
        (Asset, "Described"): "described",
        (Asset, "Classified"): "classified",
        (Asset, "DependencyAdded"): "dependency_added",
        (Asset, "DependencyRemoved"): "dependency_removed",
        (Asset, "Retired"): "retired",
        (ClassificationScales, "Set"): "scales_set",
        (ClassificationScales, "Revised"): "scales_set",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        assets, links = tables.assets, tables.asset_dependencies
        the_asset = (assets.c.tenant_id == bindparam("t"), assets.c.asset_id == bindparam("a"))
        self._insert = insert(assets)
        self._describe = (
            update(assets)
            .where(*the_asset)
            .values(
                name=bindparam("name"),
                sort_name=bindparam("sort_name"),
                kind=bindparam("kind"),
                owner=bindparam("owner"),
                location=bindparam("location"),
                description=bindparam("description"),
                search_text=bindparam("search_text"),
            )
        )
        self._classify = (
            update(assets)
            .where(*the_asset)
            .values(
                confidentiality=bindparam("c"),
                integrity=bindparam("i"),
                availability=bindparam("av"),
                scale_version=bindparam("v"),
                highest=bindparam("highest"),
                rank=bindparam("rank"),
            )
        )
        self._retire = update(assets).where(*the_asset).values(retired=1, retired_reason=bindparam("reason"))
        self._organisation = select(assets.c.organisation_id).where(*the_asset)
        self._link = insert(links)
        self._unlink = delete(links).where(
            links.c.tenant_id == bindparam("t"),
            links.c.asset_id == bindparam("a"),
            links.c.depends_on_id == bindparam("d"),
        )
        self._history = insert(tables.asset_history)
        self._level = insert(tables.asset_scale_levels)

    def registered(self, writer: GroupedWriter, event: Any) -> None:
        c, i, a = event.confidentiality, event.integrity, event.availability
        row = {
            "tenant_id": event.tenant_id,
            "asset_id": event.originator_id,
            "organisation_id": event.organisation_id,
            **_described(event),
            "confidentiality": c,
            "integrity": i,
            "availability": a,
            "scale_version": event.scale_version,
            "highest": _highest(c, i, a),
            "rank": -_highest(c, i, a),
            "retired": 0,
            "retired_reason": None,
            "registered_by": event.actor_id,
            "registered_at": event.timestamp,
        }
        writer.write(self._insert, row)
        source = getattr(event, "source_library_item", None)  # absent from events stored before the library
        if source is not None:
            copied = {"library_item_id": source, "library_version": event.source_library_version}
            key = {
                "tenant_id": event.tenant_id,
                "asset_id": event.originator_id,
                "organisation_id": event.organisation_id,
            }
            writer.write(insert(self.tables.asset_sources), key | copied)

    def described(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._describe, {"t": event.tenant_id, "a": event.originator_id, **_described(event)})
        details = f"{event.name} ({event.kind}), owner {event.owner}" + (
            f", at {event.location}" if event.location else ""
        )
        self._record(writer, event, "described", details, None)

    def classified(self, writer: GroupedWriter, event: Any) -> None:
        c, i, a = event.confidentiality, event.integrity, event.availability
        values = {
            "c": c,
            "i": i,
            "av": a,
            "v": event.scale_version,
            "highest": _highest(c, i, a),
            "rank": -_highest(c, i, a),
        }
        writer.write(self._classify, {"t": event.tenant_id, "a": event.originator_id, **values})
        details = f"C{c} I{i} A{a} (scales version {event.scale_version})"
        self._record(writer, event, "classified", details, event.reason)

    def dependency_added(self, writer: GroupedWriter, event: Any) -> None:
        organisation_id = self._organisation_of(writer, event)
        link = {"tenant_id": event.tenant_id, "asset_id": event.originator_id, "depends_on_id": event.depends_on_id}
        writer.write(self._link, {**link, "organisation_id": organisation_id})
        self._record(writer, event, "dependency_added", "", None, organisation_id, event.depends_on_id)

    def dependency_removed(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._unlink, {"t": event.tenant_id, "a": event.originator_id, "d": event.depends_on_id})
        organisation_id = self._organisation_of(writer, event)
        self._record(writer, event, "dependency_removed", "", event.reason, organisation_id, event.depends_on_id)

    def retired(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._retire, {"t": event.tenant_id, "a": event.originator_id, "reason": event.reason})
        self._record(writer, event, "retired", "", event.reason)

    def scales_set(self, writer: GroupedWriter, event: Any) -> None:
        version = event.originator_version + 1  # version 1 is the default, never stored
        for dimension in DIMENSIONS:
            for value, label, description in getattr(event, dimension):
                level = {"value": value, "label": label, "description": description, "set_at": event.timestamp}
                writer.write(
                    self._level, {"tenant_id": event.tenant_id, "version": version, "dimension": dimension, **level}
                )

    def _organisation_of(self, writer: GroupedWriter, event: Any) -> Any:
        return writer.read(self._organisation, {"t": event.tenant_id, "a": event.originator_id}).scalar_one()

    def _record(
        self,
        writer: GroupedWriter,
        event: Any,
        action: str,
        details: str,
        reason: str | None,
        organisation_id: Any = None,
        other_asset_id: Any = None,
    ) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "asset_id": event.originator_id,
            "version": event.originator_version,
            "organisation_id": organisation_id or self._organisation_of(writer, event),
            "action": action,
            "details": details,
            "other_asset_id": other_asset_id,
            "reason": reason,
            "acted_by": event.actor_id,
            "acted_at": event.timestamp,
        }
        writer.write(self._history, row)


def _described(event: Any) -> dict[str, Any]:
    return {
        "name": event.name,
        "sort_name": event.name.casefold(),
        "kind": event.kind,
        "owner": event.owner,
        "location": event.location,
        "description": event.description,
        "search_text": " ".join((event.name, event.owner, event.location)).casefold(),
    }


def _highest(*values: int | None) -> int:
    """The highest of the three levels; 0 for an unclassified asset, which sorts after every classified one."""
    return max((value for value in values if value is not None), default=0)
