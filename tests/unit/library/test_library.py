"""The library's rules: each kind holds its own fields, every field at fault is named, a revision is the next
version, a retired item is kept as it was; copies into the registers record the item and version they came from,
and events stored before the copies existed still load."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from typing import Any

import pytest

from domain.application import Cordee
from domain.assets.asset import Asset, Description
from domain.assets.commands import CopyAssetTemplate
from domain.documents.commands import CopyDocumentSkeleton
from domain.documents.document import Document
from domain.library.commands import AddLibraryItem, RetireLibraryItem, ReviseLibraryItem
from domain.library.content import Content, ItemFields
from domain.library.item import LibraryItem
from domain.library.rules import KINDS, can_copy
from domain.organisations.commands import RegisterOrganisation
from domain.shared.errors import NotFound, ValidationErrors, ValidationFailed

TENANT, OTHER, ACTOR = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
SKELETON = ItemFields(document_kind="procedure", text="# Backups\n\nWho backs up what, and how often.")
TEMPLATE = ItemFields(asset_kind="hardware", confidentiality=3, integrity=2, availability=3, description="A laptop")


def refused(kind: str, title: str = "Item", **fields: Any) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as error:
        Content.checked(kind, title, fields)
    return error.value


def test_each_kind_holds_its_own_fields_and_refuses_another_s() -> None:
    assert Content.checked("threat", " Fire ", {"description": "Burns"}) == Content("Fire", {"description": "Burns"})
    scenario = Content.checked("risk_scenario", "Theft", {"threat": "Burglar", "vulnerability": "Open door"})
    assert scenario.fields == {
        "threat": "Burglar", "vulnerability": "Open door", "likelihood": None, "impact": None, "description": None,
    }  # fmt: skip
    assert refused("threat", asset_kind="hardware").field == "fields.asset_kind"
    assert refused("asset_template", asset_kind="castle").field == "fields.asset_kind"
    assert refused("asset_template", asset_kind="hardware", confidentiality=11).field == "fields.confidentiality"
    assert refused("document_skeleton", document_kind="poem", text="x").field == "fields.document_kind"
    assert refused("thing").field == "kind"
    assert set(KINDS) == {"threat", "vulnerability", "asset_template", "risk_scenario", "document_skeleton"}


def test_every_field_at_fault_is_named_at_once() -> None:
    error = refused("risk_scenario", title=" ", threat="a\u0000", vulnerability="")
    assert isinstance(error, ValidationErrors)
    assert [p.field for p in error.problems] == ["title", "fields.threat", "fields.vulnerability"]


def test_a_revision_is_the_next_version_and_a_retired_item_is_kept() -> None:
    app = Cordee()
    saved = app.handle(AddLibraryItem(TENANT, ACTOR, "threat", "Fire"))
    app.handle(ReviseLibraryItem(TENANT, ACTOR, saved.aggregate_id, "Fire in the server room"))
    item = app.get(LibraryItem, TENANT, saved.aggregate_id)
    assert (item.item_version, item.content.title) == (2, "Fire in the server room")
    with pytest.raises(ValidationFailed, match="Nothing changed"):
        app.handle(ReviseLibraryItem(TENANT, ACTOR, saved.aggregate_id, "Fire in the server room"))
    app.handle(RetireLibraryItem(TENANT, ACTOR, saved.aggregate_id, "Folded into a broader threat"))
    with pytest.raises(ValidationFailed) as retired:
        app.handle(ReviseLibraryItem(TENANT, ACTOR, saved.aggregate_id, "Fire"))
    assert retired.value.field == "library_item_id"
    with pytest.raises(NotFound):
        app.handle(ReviseLibraryItem(OTHER, ACTOR, saved.aggregate_id, "Fire"))
    assert not can_copy("threat", False) and can_copy("asset_template", False) and not can_copy("asset_template", True)


def an_organisation(app: Cordee, tenant: uuid.UUID = TENANT) -> uuid.UUID:
    return app.handle(RegisterOrganisation(tenant, ACTOR, f"Org {uuid.uuid4().hex[:6]}", "Retail", 9)).aggregate_id


def test_a_skeleton_copied_becomes_a_draft_that_records_its_source() -> None:
    app = Cordee()
    organisation = an_organisation(app)
    item = app.handle(AddLibraryItem(TENANT, ACTOR, "document_skeleton", "Backup procedure", SKELETON)).aggregate_id
    app.handle(ReviseLibraryItem(TENANT, ACTOR, item, "Backup procedure", replace(SKELETON, text="# Backups v2")))
    copied = app.handle(CopyDocumentSkeleton(TENANT, ACTOR, organisation, item, "IT lead"))
    document = app.get(Document, TENANT, copied.aggregate_id)
    assert document.versions[1].text == "# Backups v2" and document.versions[1].status == "draft"
    created = app.repository.event_store.get(copied.aggregate_id)
    first = next(iter(created))
    assert (first.source_library_item, first.source_library_version) == (str(item), 2)  # type: ignore[attr-defined]
    assert (first.kind, first.title) == ("procedure", "Backup procedure")  # type: ignore[attr-defined]


def test_an_asset_template_copied_is_classified_where_the_scales_have_its_levels() -> None:
    app = Cordee()
    organisation = an_organisation(app)
    item = app.handle(AddLibraryItem(TENANT, ACTOR, "asset_template", "Laptop", TEMPLATE)).aggregate_id
    asset = app.get(
        Asset, TENANT, app.handle(CopyAssetTemplate(TENANT, ACTOR, organisation, item, "Staff")).aggregate_id
    )
    assert (asset.described.name, asset.described.kind, asset.described.owner) == ("Laptop", "hardware", "Staff")
    assert asset.classification is not None and asset.classification.confidentiality == 3
    beyond = app.handle(
        AddLibraryItem(TENANT, ACTOR, "asset_template", "Vault", replace(TEMPLATE, confidentiality=9))
    ).aggregate_id
    copied = app.get(
        Asset, TENANT, app.handle(CopyAssetTemplate(TENANT, ACTOR, organisation, beyond, "Staff")).aggregate_id
    )
    assert copied.classification is None  # the default scale of confidentiality stops at 4


def test_the_longest_description_the_library_takes_is_one_the_inventory_takes_from_a_copy() -> None:
    app = Cordee()
    organisation = an_organisation(app)
    longest = "x" * 2000
    item = app.handle(
        AddLibraryItem(TENANT, ACTOR, "asset_template", "Laptop", replace(TEMPLATE, description=longest))
    ).aggregate_id
    copied = app.handle(CopyAssetTemplate(TENANT, ACTOR, organisation, item, "Staff")).aggregate_id
    assert app.get(Asset, TENANT, copied).described.description == longest
    assert refused("asset_template", description=longest + "x", asset_kind="hardware").field == "fields.description"


def test_a_copy_is_refused_for_the_wrong_kind_a_retired_item_another_tenant_or_a_bad_owner() -> None:
    app = Cordee()
    organisation = an_organisation(app)
    threat = app.handle(AddLibraryItem(TENANT, ACTOR, "threat", "Fire")).aggregate_id
    skeleton = app.handle(AddLibraryItem(TENANT, ACTOR, "document_skeleton", "Policy", SKELETON)).aggregate_id
    for command, field in [
        (CopyDocumentSkeleton(TENANT, ACTOR, organisation, threat, "IT"), "library_item_id"),
        (CopyAssetTemplate(TENANT, ACTOR, organisation, skeleton, "IT"), "library_item_id"),
        (CopyDocumentSkeleton(TENANT, ACTOR, organisation, skeleton, " "), "owner"),
        (CopyDocumentSkeleton(OTHER, ACTOR, an_organisation(app, OTHER), skeleton, "IT"), "library_item_id"),
    ]:
        with pytest.raises((ValidationFailed, NotFound)) as error:
            app.handle(command)
        assert error.value.field == field
    app.handle(RetireLibraryItem(TENANT, ACTOR, skeleton, "Replaced"))
    with pytest.raises(ValidationFailed, match="not retired"):
        app.handle(CopyDocumentSkeleton(TENANT, ACTOR, organisation, skeleton, "IT"))


def without_source(app: Cordee, event: Any) -> Any:
    """The event as stored before the library existed: its state without the source fields."""
    stored = app.mapper.to_stored_event(event)
    state = json.loads(stored.state)
    state.pop("source_library_item"), state.pop("source_library_version")
    return app.mapper.to_domain_event(replace(stored, state=json.dumps(state).encode()))


def test_an_asset_and_a_document_stored_before_the_library_still_load() -> None:
    app = Cordee()
    asset = Asset.register(
        TENANT, ACTOR, uuid.uuid4(), uuid.uuid4(), Description.checked("PC", "hardware", "IT", None, None)
    )
    old = without_source(app, asset.collect_events()[0])
    assert not hasattr(old, "source_library_item")
    loaded = old.mutate(None)
    assert (loaded.described.name, loaded.version) == ("PC", 1)
    document = Document.create(TENANT, ACTOR, uuid.uuid4(), uuid.uuid4(), "policy", "Policy", "CEO", "Text")
    old_document = without_source(app, document.collect_events()[0])
    assert old_document.mutate(None).organisation_id == document.organisation_id
