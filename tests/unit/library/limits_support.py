"""What the input-limits test needs of the library: an item of each kind to revise, retire and copy, made before
an argument is tried (so that the tries themselves write nothing else)."""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import Any
from uuid import UUID, uuid4
from weakref import WeakKeyDictionary

from domain.assets.commands import CopyAssetTemplate
from domain.documents.commands import CopyDocumentSkeleton
from domain.library.commands import AddLibraryItem, RetireLibraryItem, ReviseLibraryItem
from domain.library.content import ItemFields
from domain.shared.aggregate import SYSTEM_ACTOR
from tests.unit.programme_scenario import Scenario

EACH_KIND = {
    "threat": ItemFields(description="Burns"),
    "risk_scenario": ItemFields(threat="Fire", vulnerability="No extinguisher"),
    "document_skeleton": ItemFields(document_kind="procedure", text="# Backups"),
    "asset_template": ItemFields(asset_kind="hardware"),
}
FIELD_KIND = {
    "description": "threat", "threat": "risk_scenario", "vulnerability": "risk_scenario", "likelihood": "risk_scenario",
    "impact": "risk_scenario", "text": "document_skeleton", "document_kind": "document_skeleton",
    "asset_kind": "asset_template",
}  # fmt: skip
_MADE: WeakKeyDictionary[Scenario, dict[str, UUID]] = WeakKeyDictionary()


def prepare_library(s: Scenario) -> None:
    made = {kind: s.app.handle(AddLibraryItem(s.tenant, SYSTEM_ACTOR, kind, kind, fields)).aggregate_id
            for kind, fields in EACH_KIND.items()}  # fmt: skip
    _MADE[s] = made


def _item(s: Scenario, kind: str) -> UUID:
    return _MADE.get(s, {}).get(kind, uuid4())


def add(s: Scenario, field: str, value: Any) -> object:
    kind = FIELD_KIND.get(field, "threat")
    if field == "title":
        return s.app.handle(AddLibraryItem(s.tenant, SYSTEM_ACTOR, kind, value, EACH_KIND[kind]))
    fields = replace(EACH_KIND[kind], **{field: value})
    return s.app.handle(AddLibraryItem(s.tenant, SYSTEM_ACTOR, kind, "Item", fields))


def revise(s: Scenario, field: str, value: Any) -> object:
    kind = FIELD_KIND.get(field, "threat")
    if field == "title":
        return s.app.handle(ReviseLibraryItem(s.tenant, SYSTEM_ACTOR, _item(s, kind), value, EACH_KIND[kind]))
    fields = replace(EACH_KIND[kind], **{field: value})
    return s.app.handle(ReviseLibraryItem(s.tenant, SYSTEM_ACTOR, _item(s, kind), "Revised", fields))


def retire(s: Scenario, reason: str) -> object:
    return s.app.handle(RetireLibraryItem(s.tenant, SYSTEM_ACTOR, _item(s, "threat"), reason))


def copy_template(s: Scenario, owner: str) -> object:
    return s.app.handle(CopyAssetTemplate(s.tenant, SYSTEM_ACTOR, s.members[0], _item(s, "asset_template"), owner))


def copy_skeleton(s: Scenario, owner: str) -> object:
    return s.app.handle(
        CopyDocumentSkeleton(s.tenant, SYSTEM_ACTOR, s.members[0], _item(s, "document_skeleton"), owner)
    )


def _argument(field: str) -> str:
    return field if field == "title" else f"fields.{field}"


def _tried(call: Any, field: str, s: Scenario, text: str) -> object:
    return call(s, field, text)


TEXT_FIELDS = ("title", "description", "threat", "vulnerability", "likelihood", "impact", "text")
LIBRARY_TEXT_CALLS: dict[tuple[str, str], Any] = {
    **{("AddLibraryItem", _argument(f)): partial(_tried, add, f) for f in TEXT_FIELDS},
    **{("ReviseLibraryItem", _argument(f)): partial(_tried, revise, f) for f in TEXT_FIELDS},
    ("RetireLibraryItem", "reason"): retire,
    ("CopyAssetTemplate", "owner"): copy_template,
    ("CopyDocumentSkeleton", "owner"): copy_skeleton,
}
LIBRARY_CHOICE_CALLS: dict[tuple[str, str], Any] = {
    ("AddLibraryItem", "kind"): lambda s, t: s.app.handle(AddLibraryItem(s.tenant, SYSTEM_ACTOR, t, "Item")),
    ("AddLibraryItem", "fields.asset_kind"): lambda s, t: add(s, "asset_kind", t),
    ("AddLibraryItem", "fields.document_kind"): lambda s, t: add(s, "document_kind", t),
    ("ReviseLibraryItem", "fields.asset_kind"): lambda s, t: revise(s, "asset_kind", t),
    ("ReviseLibraryItem", "fields.document_kind"): lambda s, t: revise(s, "document_kind", t),
}
LIBRARY_PREPARED = dict.fromkeys(
    [key for key in [*LIBRARY_TEXT_CALLS, *LIBRARY_CHOICE_CALLS] if key[0] != "AddLibraryItem"], prepare_library
)
