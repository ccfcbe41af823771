"""What the input-limits test needs of the catalogues: an import and a control's text, each tried with one argument
given as the test asks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from domain.catalogues.commands import ImportCatalogue, WriteControlText
from domain.shared.aggregate import SYSTEM_ACTOR
from tests.unit.programme_scenario import Scenario

OSCAL = (Path(__file__).parents[2] / "fixtures" / "catalogues" / "oscal-small.json").read_text(encoding="utf-8")


def import_file(s: Scenario, **given: Any) -> object:
    arguments = {"format": "oscal", "content": OSCAL, "catalogue": "acme-oscal"} | given
    return s.app.handle(ImportCatalogue(s.tenant, SYSTEM_ACTOR, **arguments))


def control_text(s: Scenario, **given: str) -> object:
    arguments = {"catalogue": "iso27001-2022", "control": "5.1", "text": "Our licensed text."} | given
    return s.app.handle(WriteControlText(s.tenant, SYSTEM_ACTOR, **arguments))


CATALOGUE_TEXT_CALLS: dict[tuple[str, str], Any] = {
    ("WriteControlText", "text"): lambda s, t: control_text(s, text=t),
}
CATALOGUE_CHOICE_CALLS: dict[tuple[str, str], Any] = {
    ("ImportCatalogue", "format"): lambda s, t: import_file(s, format=t),
    ("ImportCatalogue", "content"): lambda s, t: import_file(s, content=t),
    ("ImportCatalogue", "catalogue"): lambda s, t: import_file(s, catalogue=t),
    ("WriteControlText", "catalogue"): lambda s, t: control_text(s, catalogue=t),
    ("WriteControlText", "control"): lambda s, t: control_text(s, control=t),
}
