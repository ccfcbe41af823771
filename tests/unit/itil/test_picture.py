"""The ITIL picture: ITIL steps left, ISO 27001 steps right, a line per link, the declared steps and the steps they
feed marked, the policy-before-CISO relation drawn inside the ISO column; titles wrapped inside their boxes."""

from __future__ import annotations

from typing import Any

from domain.itil.mapping import mapping
from frontend.itil.views import BOX_WIDTH, LEFT, RIGHT, WIDTH, area_field, picture, undeclared


def items(declared: set[str]) -> list[dict[str, Any]]:
    steps = [
        {"key": s.key, "kind": "step", "number": s.number, "title": s.title, "feedsIsoSteps": list(s.feeds)}
        for s in mapping().itil_steps
    ]
    practices = [
        {"key": p.key, "kind": "practice", "number": None, "title": p.title, "feedsIsoSteps": []}
        for p in mapping().practices
    ]
    return [
        item | {"declaration": {"evidence": "x"} if item["key"] in declared else None} for item in steps + practices
    ]


def iso_steps(fed: set[int]) -> list[dict[str, Any]]:
    return [
        {"number": s.number, "title": s.title, "needs": list(s.needs), "fed": s.number in fed}
        for s in mapping().iso_steps
    ]


def test_two_columns_of_six_and_a_line_per_link() -> None:
    drawn = picture(items(set()), iso_steps(set()))
    assert [b.number for b in drawn.itil] == [1, 2, 3, 4, 5, 6] and [b.number for b in drawn.iso] == [1, 2, 3, 4, 5, 6]
    assert {b.x for b in drawn.itil} == {LEFT} and {b.x for b in drawn.iso} == {RIGHT}
    assert len(drawn.links) == 7  # step 5 feeds two ISO steps
    assert all(link.x1 == LEFT + BOX_WIDTH and link.x2 == RIGHT for link in drawn.links)
    assert not any(link.marked for link in drawn.links) and not any(b.marked for b in drawn.itil + drawn.iso)
    assert len(drawn.needs) == 1 and RIGHT + BOX_WIDTH < WIDTH
    assert all(len(line) <= 32 for box in drawn.itil + drawn.iso for line in box.lines)


def test_a_declared_step_marks_its_box_and_its_lines() -> None:
    drawn = picture(items({"step-5", "incident-management"}), iso_steps({3, 4}))
    assert [b.number for b in drawn.itil if b.marked] == [5]
    assert [b.number for b in drawn.iso if b.marked] == [3, 4]
    step_5 = drawn.itil[4]
    marked = [link for link in drawn.links if link.marked]
    assert len(marked) == 2 and all(link.y1 == step_5.y + 22 for link in marked)


def test_the_declare_form_offers_what_is_not_declared_and_the_confirm_form_names_areas() -> None:
    offered = dict(undeclared(items({"step-1", "incident-management"})))
    assert "step-1" not in offered and "incident-management" not in offered
    assert offered["step-2"] == "ITIL step 2: Create an incident response system"
    assert offered["access-management"] == "Practice: Access management"
    assert area_field("theme organisational") == "theme-organisational"
