"""The ITIL mapping data file: paper 000's links of six ITIL steps to six ISO 27001 steps, and our Annex A 2022
extension, every control of which exists in the shipped catalogue."""

from __future__ import annotations

import json
from typing import Any

import pytest

from domain.assessment.gap_analysis import maturity_areas
from domain.catalogues.library import shipped
from domain.itil.mapping import MAPPING_FILE, mapping, read_mapping


def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(MAPPING_FILE.read_text(encoding="utf-8"))
    return data


def test_every_control_of_the_extension_exists_in_the_catalogue_it_names_with_the_theme_we_give_it() -> None:
    catalogue = shipped().catalogue(mapping().catalogue)
    assert catalogue is not None and catalogue.id == "iso27001-2022"
    for practice in mapping().practices:
        for control_id in practice.controls:
            control = catalogue.control(control_id)
            assert control is not None, f"{practice.key} names {control_id}, which the catalogue lacks"
            assert f"theme {control.group}" in practice.gap_areas


def test_the_extension_is_the_one_the_product_asked_for() -> None:
    controls = {p.key: p.controls for p in mapping().practices}
    assert controls["incident-management"] == ("5.24", "5.25", "5.26", "5.27", "5.28")
    assert controls["change-management"] == ("8.32",)
    assert controls["monitoring"] == ("8.16",)
    assert controls["capacity-management"] == ("8.6",)
    assert controls["service-asset-configuration"] == ("5.9",)
    assert controls["supplier-management"] == ("5.19", "5.20", "5.21", "5.22")
    assert controls["service-continuity"] == ("5.29", "5.30")
    assert controls["access-management"] == ("5.15", "5.16", "5.17", "5.18")


def test_the_papers_six_steps_feed_the_iso_steps_it_says() -> None:
    feeds = {step.number: step.feeds for step in mapping().itil_steps}
    assert feeds == {1: (1,), 2: (2,), 3: (5,), 4: (4,), 5: (4, 3), 6: (6,)}
    assert [s.title for s in mapping().iso_steps][:2] == [
        "Agree on an IT security policy",
        "Establish the position of a CISO",
    ]
    assert mapping().iso_step(2).needs == (1,)


def test_every_gap_area_named_is_one_the_gap_analysis_rates() -> None:
    rated = {f"{group} {code}" for group, code, _ in maturity_areas()}
    for key in mapping().item_keys:
        assert mapping().gap_areas_of(key), key
        assert set(mapping().gap_areas_of(key)) <= rated, key


def test_a_declared_step_feeds_its_iso_steps_and_a_practice_its_themes() -> None:
    assert mapping().iso_steps_fed(["step-5", "incident-management"]) == (3, 4)
    assert mapping().gap_areas_of("step-1") == ("clause 5",)
    assert mapping().gap_areas_of("change-management") == ("theme technological",)
    assert mapping().title("step-2") == "ITIL step 2: Create an incident response system"
    assert mapping().title("incident-management") == "ITIL incident management"


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (lambda d: d.update(format="other/1"), "format"),
        (lambda d: d["itil_steps"][0].update(feeds=[9]), "feeds an ISO step"),
        (lambda d: d["iso_steps"][1].update(needs=[9]), "needs a step"),
        (lambda d: d["practices"][0].update(controls=["A.5.1"]), "outside Annex A"),
        (lambda d: d["practices"][1].update(key="incident-management"), "twice"),
        (lambda d: d.pop("practices"), "no list"),
    ],
)
def test_a_broken_mapping_file_is_refused_saying_where(change: Any, says: str) -> None:
    data = raw()
    change(data)
    with pytest.raises(ValueError, match=says):
        read_mapping(data)
