"""Reading and checking the catalogue files (`docs/catalogue-format.md`); a file that breaks a rule is refused whole."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any

from domain.catalogues.catalogue import (
    Catalogue,
    Clause,
    Control,
    Correspondence,
    Group,
    Objective,
    in_natural_order,
    natural_order,
)

CATALOGUE_FORMAT = "cordee-catalogue/1"
CORRESPONDENCE_FORMAT = "cordee-correspondence/1"


class CatalogueInvalid(ValueError):
    """A catalogue or correspondence file breaks the format; the message says where."""


def read_catalogue(data: Mapping[str, Any]) -> Catalogue:
    _check_format(data, CATALOGUE_FORMAT)
    groups = tuple(_group(group) for group in data["groups"])
    clauses = tuple(Clause(c["id"], c["title"], c.get("parent")) for c in data.get("clauses", []))
    controls = tuple(sorted((_control(c) for c in data["controls"]), key=lambda control: natural_order(control.id)))
    catalogue = Catalogue(
        data["id"], data["edition"], data["title"], str(data["version"]), data["grouping"], data.get("note", ""),
        groups, clauses, controls,
    )  # fmt: skip
    _check_catalogue(catalogue)
    return catalogue


def read_correspondence(data: Mapping[str, Any], catalogues: Mapping[str, Catalogue]) -> Correspondence:
    _check_format(data, CORRESPONDENCE_FORMAT)
    pairs = {pair["from"]: tuple(in_natural_order(pair["to"])) for pair in data["pairs"]}
    notes = {pair["from"]: pair["note"] for pair in data["pairs"] if pair.get("note")}
    _unique(f"{data['from']} → {data['to']}", (pair["from"] for pair in data["pairs"]))
    correspondence = Correspondence(data["from"], data["to"], str(data["version"]), data.get("note", ""), pairs, notes)
    _check_correspondence(correspondence, catalogues)
    return correspondence


def shipped_files() -> list[dict[str, Any]]:
    """Every data file shipped with Cordee, parsed."""
    folder = resources.files("domain.catalogues") / "data"
    names = sorted(entry.name for entry in folder.iterdir() if entry.name.endswith(".json"))
    return [json.loads((folder / name).read_text(encoding="utf-8")) for name in names]


def _group(data: Mapping[str, Any]) -> Group:
    objectives = tuple(Objective(o["id"], o["objective"]) for o in data.get("objectives", []))
    return Group(data["id"], data["title"], objectives)


def _control(data: Mapping[str, Any]) -> Control:
    return Control(
        data["id"], data["group"], data["title"], data.get("objective"), bool(data.get("new_in_edition", False))
    )


def _check_format(data: Mapping[str, Any], expected: str) -> None:
    if data.get("format") != expected:
        raise CatalogueInvalid(f"Expected a file of format {expected!r}, not {data.get('format')!r}.")


def _check_catalogue(catalogue: Catalogue) -> None:
    _unique(catalogue.id, (control.id for control in catalogue.controls))
    _unique(catalogue.id, (group.id for group in catalogue.groups))
    _unique(catalogue.id, (clause.id for clause in catalogue.clauses))
    _unique(catalogue.id, (o.id for group in catalogue.groups for o in group.objectives))
    for control in catalogue.controls:
        _check_control(catalogue, control)
    clause_ids = {clause.id for clause in catalogue.clauses}
    for clause in catalogue.clauses:
        if clause.parent is not None and clause.parent not in clause_ids:
            raise CatalogueInvalid(f"{catalogue.id}: clause {clause.id} is under {clause.parent}, which is not listed.")


def _check_control(catalogue: Catalogue, control: Control) -> None:
    group = catalogue.group(control.group)
    if group is None:
        raise CatalogueInvalid(f"{catalogue.id}: control {control.id} is in {control.group}, which is not listed.")
    if control.objective is not None and control.objective not in {o.id for o in group.objectives}:
        raise CatalogueInvalid(f"{catalogue.id}: control {control.id} serves {control.objective}, not in {group.id}.")
    if not control.title.strip():
        raise CatalogueInvalid(f"{catalogue.id}: control {control.id} has no title.")


def _check_correspondence(correspondence: Correspondence, catalogues: Mapping[str, Catalogue]) -> None:
    source, target = catalogues.get(correspondence.source), catalogues.get(correspondence.target)
    if source is None or target is None:
        raise CatalogueInvalid(f"{correspondence.source} → {correspondence.target}: a catalogue is not shipped.")
    for source_id, target_ids in correspondence.pairs.items():
        unknown = [t for t in target_ids if target.control(t) is None]
        if source.control(source_id) is None or unknown:
            raise CatalogueInvalid(f"{source.id} → {target.id}: unknown control in {source_id} → {target_ids}.")
    missing = [control.id for control in source.controls if control.id not in correspondence.pairs]
    if missing:
        raise CatalogueInvalid(f"{source.id} → {target.id}: no line for {', '.join(missing)}.")


def _unique(where: str, identifiers: Iterable[str]) -> None:
    twice = [identifier for identifier, count in Counter(identifiers).items() if count > 1]
    if twice:
        raise CatalogueInvalid(f"{where}: {', '.join(twice)} listed more than once.")
