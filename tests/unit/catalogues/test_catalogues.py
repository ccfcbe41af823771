from typing import Any

import pytest

from domain.catalogues.catalogue import Catalogue, in_natural_order
from domain.catalogues.library import shipped
from domain.catalogues.loading import CatalogueInvalid, read_catalogue, read_correspondence, shipped_files

NEW_IN_2022 = {"5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28"}


def edition(identifier: str) -> Catalogue:
    catalogue = shipped().catalogue(identifier)
    assert catalogue is not None
    return catalogue


def counts(catalogue: Catalogue) -> dict[str, int]:
    return {group.id: catalogue.count_in(group.id) for group in catalogue.groups}


def test_the_2022_annex_has_93_controls_in_four_themes() -> None:
    catalogue = edition("iso27001-2022")
    assert counts(catalogue) == {"organisational": 37, "people": 8, "physical": 14, "technological": 34}
    assert len(catalogue.controls) == 93
    assert [c.id for c in catalogue.controls if c.group == "people"] == [f"6.{n}" for n in range(1, 9)]
    assert [c.id for c in catalogue.controls if c.group == "technological"][-1] == "8.34"


def test_the_2022_clauses_run_from_context_to_improvement() -> None:
    clauses = {clause.id: clause for clause in edition("iso27001-2022").clauses}
    top = [clause.id for clause in clauses.values() if clause.parent is None]
    assert top == ["4", "5", "6", "7", "8", "9", "10"]
    for requirement in ("4.4", "5.3", "6.1.3", "6.3", "7.5.3", "8.3", "9.3.3", "10.2"):
        assert requirement in clauses
    assert clauses["6.1.2"].parent == "6.1"


def test_the_2005_annex_has_133_controls_in_eleven_domains_with_their_objectives() -> None:
    catalogue = edition("iso27001-2005")
    expected = {"A.5": 2, "A.6": 11, "A.7": 5, "A.8": 9, "A.9": 13, "A.10": 32}
    expected |= {"A.11": 25, "A.12": 16, "A.13": 5, "A.14": 5, "A.15": 10}
    assert counts(catalogue) == expected
    assert len(catalogue.controls) == 133
    assert sum(len(group.objectives) for group in catalogue.groups) == 39
    assert [o.id for o in catalogue.group("A.6").objectives] == ["A.6.1", "A.6.2"]  # type: ignore[union-attr]
    assert all(control.objective is not None for control in catalogue.controls)


def test_identifiers_are_unique_and_in_natural_order() -> None:
    for catalogue in shipped().catalogues:
        ids = [control.id for control in catalogue.controls]
        assert len(ids) == len(set(ids))
        assert ids == in_natural_order(ids)
    assert in_natural_order(["5.10", "5.2", "5.1"]) == ["5.1", "5.2", "5.10"]
    assert in_natural_order(["A.10.1.1", "A.9.2.7", "A.10.10.1", "A.10.2.1"]) == [
        "A.9.2.7", "A.10.1.1", "A.10.2.1", "A.10.10.1",
    ]  # fmt: skip


def test_every_title_is_short_and_our_own_wording_of_a_few_words() -> None:
    for catalogue in shipped().catalogues:
        for control in catalogue.controls:
            assert 2 <= len(control.title.split()) <= 8, control


def test_the_correspondence_names_only_controls_that_exist_and_covers_every_2005_control() -> None:
    correspondence = shipped().correspondence("iso27001-2005", "iso27001-2022")
    assert correspondence is not None
    old, new = edition("iso27001-2005"), edition("iso27001-2022")
    assert set(correspondence.pairs) == {control.id for control in old.controls}
    assert all(new.control(target) for target in correspondence.reached())
    assert correspondence.targets("A.11.5.4") == ("8.18",)
    assert correspondence.targets("A.13.2.1") == ("5.24", "5.25", "5.26")


def test_every_2022_control_is_reached_from_2005_or_marked_new_in_2022() -> None:
    correspondence = shipped().correspondence("iso27001-2005", "iso27001-2022")
    assert correspondence is not None
    catalogue = edition("iso27001-2022")
    assert {control.id for control in catalogue.controls if control.new_in_edition} == NEW_IN_2022
    reached = set(correspondence.reached())
    assert [c.id for c in catalogue.controls if c.id not in reached and not c.new_in_edition] == []


def test_a_2005_control_without_a_counterpart_says_why() -> None:
    correspondence = shipped().correspondence("iso27001-2005", "iso27001-2022")
    assert correspondence is not None
    unmapped = [source for source, targets in correspondence.pairs.items() if not targets]
    assert "A.6.1.1" in unmapped
    assert all(correspondence.notes.get(source) for source in unmapped)


def _file(identifier: str) -> dict[str, Any]:
    return next(data for data in shipped_files() if data.get("id") == identifier)


def test_a_catalogue_with_a_control_listed_twice_is_refused() -> None:
    data = _file("iso27001-2022")
    data["controls"].append(dict(data["controls"][0]))
    with pytest.raises(CatalogueInvalid, match=r"5\.1 listed more than once"):
        read_catalogue(data)


def test_a_control_outside_every_theme_is_refused() -> None:
    data = _file("iso27001-2022")
    data["controls"][0] = {**data["controls"][0], "group": "legal"}
    with pytest.raises(CatalogueInvalid, match="in legal, which is not listed"):
        read_catalogue(data)


def test_a_correspondence_naming_an_unknown_control_is_refused() -> None:
    data = next(data for data in shipped_files() if data.get("format") == "cordee-correspondence/1")
    data["pairs"][0] = {"from": "A.5.1.1", "to": ["5.99"]}
    catalogues = {catalogue.id: catalogue for catalogue in shipped().catalogues}
    with pytest.raises(CatalogueInvalid, match="unknown control"):
        read_correspondence(data, catalogues)


def test_a_file_of_another_format_is_refused() -> None:
    with pytest.raises(CatalogueInvalid, match="format"):
        read_catalogue({"format": "oscal"})
