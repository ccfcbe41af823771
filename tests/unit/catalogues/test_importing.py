"""Importing a catalogue: our format and OSCAL read alike, every refusal names the place in the file, versions are
kept, a consultancy's private text of a control is bounded and clean."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest

from domain.application import Cordee
from domain.catalogues.commands import ImportCatalogue, WriteControlText
from domain.catalogues.handlers import catalogue_of
from domain.catalogues.imported import PRIVATE_TEXT_MAX_LENGTH, ControlText, ImportedCatalogue, imported_catalogue_id
from domain.catalogues.importing import MAX_FILE_BYTES, read_file
from domain.shared.errors import NotFound, ValidationFailed

TENANT, OTHER_TENANT, ACTOR = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
OSCAL = (Path(__file__).parents[2] / "fixtures" / "catalogues" / "oscal-small.json").read_text(encoding="utf-8")


def ours(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "cordee-catalogue/1",
        "id": "acme-baseline",
        "edition": "Acme baseline 2026",
        "title": "The controls Acme's clients start from",
        "version": "1",
        "grouping": "theme",
        "groups": [{"id": "people", "title": "People"}, {"id": "tech", "title": "Technology"}],
        "controls": [
            {"id": "P.2", "group": "people", "title": "Screening"},
            {"id": "P.10", "group": "people", "title": "Awareness"},
            {"id": "T.1", "group": "tech", "title": "Backups"},
        ],
    }
    return data | changes


def refusal(text: str, file_format: str = "cordee", catalogue_id: str | None = None) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as refused:
        read_file(text, file_format, catalogue_id)
    return refused.value


def test_a_file_of_ours_is_read_with_its_controls_in_natural_order() -> None:
    file = read_file(json.dumps(ours()), "cordee")
    assert [c.id for c in file.catalogue.controls] == ["P.2", "P.10", "T.1"]
    assert file.content_hash == read_file(json.dumps(ours(), indent=2), "cordee").content_hash


def test_an_oscal_catalog_maps_groups_and_controls_and_leaves_the_prose() -> None:
    file = read_file(OSCAL, "oscal", "acme-oscal")
    catalogue = file.catalogue
    assert (catalogue.id, catalogue.edition, catalogue.version) == ("acme-oscal", "Acme baseline", "2.1")
    assert [g.title for g in catalogue.groups] == [
        "Access control",
        "Incident response",
        "Incident response: Exercises",
    ]
    assert [c.id for c in catalogue.controls if c.group == "ac"] == ["ac-1", "ac-2", "ac-2.1", "ac-10"]
    assert catalogue.control("ir-3") is not None and catalogue.control("ir-3").group == "ir-x"  # type: ignore[union-attr]
    assert "Not kept." not in json.dumps(file.content)


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (ours(controls=[{"id": "P.1", "group": "people"}]), "controls[0].title"),
        (ours(controls=[{"id": "P.1", "group": "people", "title": 7}]), "controls[0].title"),
        (ours(controls=[{"id": "P.1", "group": "nowhere", "title": "x"}]), "P.1 is in nowhere"),
        (ours(controls=[{"id": "P.1", "group": "people", "title": "a\u0007b"}]), "controls[0].title"),
        (ours(controls=[{"id": "P.1", "group": "people", "title": "x" * 301}]), "controls[0].title"),
        (ours(groups="people"), "groups"),
        (ours(format="other"), "format"),
        (ours(id="Acme Baseline"), "id"),
        (ours(id="iso27001-2022"), "Cordee ships"),
    ],
)
def test_a_bad_file_of_ours_is_refused_naming_the_place(data: dict[str, Any], where: str) -> None:
    refused = refusal(json.dumps(data))
    assert refused.field == "content"
    assert where in refused.message


def test_duplicate_control_ids_are_refused_naming_the_id() -> None:
    twice = ours(controls=[{"id": "T.1", "group": "tech", "title": "a"}, {"id": "T.1", "group": "tech", "title": "b"}])
    assert "T.1 listed more than once" in refusal(json.dumps(twice)).message
    oscal = json.loads(OSCAL)
    oscal["catalog"]["groups"][1]["controls"][0]["id"] = "ac-1"
    assert "ac-1 listed more than once" in refusal(json.dumps(oscal), "oscal", "acme-oscal").message


def test_malformed_json_is_refused_with_its_line() -> None:
    refused = refusal('{\n  "format": "cordee-catalogue/1",\n  "id": \n}')
    assert (refused.field, refused.message.startswith("Not JSON: line 4")) == ("content", True)


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d.pop("catalog"), "catalog: expected an object"),
        (lambda d: d["catalog"]["metadata"].pop("title"), "catalog.metadata.title"),
        (lambda d: d["catalog"]["groups"][0]["controls"][1].pop("title"), "catalog.groups[0].controls[1].title"),
        (lambda d: d["catalog"]["groups"][1].update(controls={}), "catalog.groups[1].controls: expected a list"),
    ],
)
def test_a_malformed_oscal_catalog_is_refused_naming_the_path(mutate: Any, where: str) -> None:
    data = json.loads(OSCAL)
    mutate(data)
    refused = refusal(json.dumps(data), "oscal", "acme-oscal")
    assert (refused.field, where in refused.message) == ("content", True), refused.message


def test_an_oscal_catalog_needs_an_id_of_ours_and_the_format_is_one_of_two() -> None:
    assert refusal(OSCAL, "oscal").field == "catalogue"
    assert refusal(OSCAL, "oscal", "Not an id!").field == "catalogue"
    assert refusal(OSCAL, "xml").field == "format"


def test_an_oversize_or_empty_file_is_refused() -> None:
    assert "larger than 2 MB" in refusal(" " * (MAX_FILE_BYTES + 1)).message
    assert refusal("   ").message == "The file is empty."


def test_importing_again_makes_a_new_version_and_the_same_content_is_refused() -> None:
    app = Cordee()
    app.handle(ImportCatalogue(TENANT, ACTOR, "cordee", json.dumps(ours())))
    app.handle(ImportCatalogue(TENANT, ACTOR, "cordee", json.dumps(ours(version="2", title="Revised"))))
    imported = app.get(ImportedCatalogue, TENANT, imported_catalogue_id(TENANT, "acme-baseline"))
    assert (imported.latest_version, imported.current.title) == (2, "Revised")
    with pytest.raises(ValidationFailed, match="current version"):
        app.handle(ImportCatalogue(TENANT, ACTOR, "cordee", json.dumps(ours(version="2", title="Revised"))))
    assert app.get(ImportedCatalogue, TENANT, imported.id).latest_version == 2


def test_an_imported_catalogue_is_its_consultancy_s_alone() -> None:
    app = Cordee()
    app.handle(ImportCatalogue(TENANT, ACTOR, "cordee", json.dumps(ours())))
    assert catalogue_of(app, TENANT, "acme-baseline").edition == "Acme baseline 2026"
    with pytest.raises(NotFound):
        catalogue_of(app, OTHER_TENANT, "acme-baseline")
    with pytest.raises(NotFound):
        app.handle(WriteControlText(OTHER_TENANT, ACTOR, "acme-baseline", "T.1", "Our licensed text."))


def test_a_private_text_is_pasted_replaced_and_checked() -> None:
    app = Cordee()
    saved = app.handle(WriteControlText(TENANT, ACTOR, "iso27001-2022", "5.1", "Licensed text of 5.1."))
    app.handle(WriteControlText(TENANT, ACTOR, "iso27001-2022", "5.1", "Second paste."))
    assert app.get(ControlText, TENANT, saved.aggregate_id).text == "Second paste."
    with pytest.raises(ValidationFailed, match="already"):
        app.handle(WriteControlText(TENANT, ACTOR, "iso27001-2022", "5.1", "Second paste."))
    for text, field in [("a\u0000b", "text"), ("x" * (PRIVATE_TEXT_MAX_LENGTH + 1), "text"), ("  ", "text")]:
        with pytest.raises(ValidationFailed) as refused:
            app.handle(WriteControlText(TENANT, ACTOR, "iso27001-2022", "5.2", text))
        assert refused.value.field == field
    with pytest.raises(NotFound) as missing:
        app.handle(WriteControlText(TENANT, ACTOR, "iso27001-2022", "9.99", "Text."))
    assert missing.value.field == "control"


def test_controls_outside_groups_and_groups_without_an_id_still_map() -> None:
    data = {
        "catalog": {
            "metadata": {"title": "Loose"},
            "groups": [{"title": "No id", "controls": [{"id": "n-1", "title": "One"}]}],
            "controls": [{"id": "x-1", "title": "Outside"}],
        }
    }
    catalogue = read_file(json.dumps(data), "oscal", "loose").catalogue
    assert [(g.id, g.title) for g in catalogue.groups] == [
        ("group-1", "No id"),
        ("ungrouped", "Controls outside any group"),
    ]
    assert (catalogue.version, catalogue.control("x-1").group) == ("1", "ungrouped")  # type: ignore[union-attr]
