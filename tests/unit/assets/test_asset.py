"""The inventory's rules, on the aggregate and the pure functions: scale bounds, no self-link, no loop, a retired
asset kept as it was, a reclassification with its reason, scales versioned."""

from __future__ import annotations

import uuid
from uuid import UUID

import pytest

from domain.assets.asset import Asset, Classification, Description
from domain.assets.importing import check_file, check_headings, refused
from domain.assets.rules import KINDS, creates_cycle
from domain.assets.scales import DEFAULT_SCALES, ClassificationScales
from domain.shared.errors import ValidationFailed

TENANT, ACTOR, ORGANISATION = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def an_asset(name: str = "Server", organisation: UUID = ORGANISATION) -> Asset:
    described = Description.checked(name, "hardware", "IT lead", "Rack 3", None)
    return Asset.register(TENANT, ACTOR, uuid.uuid4(), organisation, described)


def levels(c: int, i: int, a: int) -> Classification:
    return Classification.checked(DEFAULT_SCALES, c, i, a)


def test_the_default_scales_are_c_1_to_4_and_i_a_1_to_3() -> None:
    assert [len(DEFAULT_SCALES.levels(d)) for d in ("confidentiality", "integrity", "availability")] == [4, 3, 3]
    assert levels(4, 3, 3) == Classification(4, 3, 3, 1)


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ((0, 1, 1), "confidentiality"),
        ((5, 1, 1), "confidentiality"),
        ((1, 4, 1), "integrity"),
        ((1, 1, 0), "availability"),
    ],
)
def test_a_level_outside_its_scale_is_refused_naming_its_dimension(given: tuple[int, int, int], field: str) -> None:
    with pytest.raises(ValidationFailed) as refused_level:
        levels(*given)
    assert refused_level.value.field == field


def test_a_first_classification_needs_no_reason_a_reclassification_does() -> None:
    asset = an_asset()
    asset.classify(ACTOR, levels(2, 2, 2), None)
    with pytest.raises(ValidationFailed) as no_reason:
        asset.classify(ACTOR, levels(3, 2, 2), " ")
    assert no_reason.value.field == "reason"
    asset.classify(ACTOR, levels(3, 2, 2), "Holds card data now")
    assert asset.classification == Classification(3, 2, 2, 1)
    assert [type(e).__name__ for e in asset.collect_events()] == ["Registered", "Classified", "Classified"]


def test_no_self_link_no_foreign_link_no_loop() -> None:
    server, service = an_asset("Server"), an_asset("Mail service")
    with pytest.raises(ValidationFailed, match="itself"):
        server.add_dependency(ACTOR, server, creates_cycle=False)
    with pytest.raises(ValidationFailed, match="same organisation"):
        server.add_dependency(ACTOR, an_asset("Theirs", uuid.uuid4()), creates_cycle=False)
    service.add_dependency(ACTOR, server, creates_cycle=False)
    graph = {service.id: service.depends_on, server.id: server.depends_on}
    assert creates_cycle(server.id, service.id, lambda found: graph.get(found, set()))
    assert not creates_cycle(service.id, server.id, lambda found: graph.get(found, set()))
    with pytest.raises(ValidationFailed, match="no loop"):
        server.add_dependency(ACTOR, service, creates_cycle=True)
    assert server.depends_on == set()


def test_a_loop_through_others_is_found() -> None:
    a, b, c = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    graph = {a: {b}, b: {c}, c: set()}
    assert creates_cycle(c, a, lambda found: graph[found])
    assert not creates_cycle(a, c, lambda found: graph[found])


def test_a_retired_asset_is_kept_as_it_was() -> None:
    server, service = an_asset("Server"), an_asset("Service")
    server.retire(ACTOR, "Sold")
    for change in (
        lambda: server.classify(ACTOR, levels(1, 1, 1), None),
        lambda: server.describe(ACTOR, Description.checked("New", "site", "X", None, None)),
        lambda: server.retire(ACTOR, "Again"),
        lambda: server.add_dependency(ACTOR, service, creates_cycle=False),
    ):
        with pytest.raises(ValidationFailed, match="retired") as refusal:
            change()
        assert refusal.value.field == "asset_id"
    with pytest.raises(ValidationFailed, match="retired") as target:
        service.add_dependency(ACTOR, server, creates_cycle=False)
    assert target.value.field == "depends_on_id"


def test_describing_without_a_change_writes_nothing() -> None:
    server = an_asset()
    server.collect_events()
    assert not server.describe(ACTOR, Description.checked("Server", "hardware", "IT lead", "Rack 3", ""))
    assert server.collect_events() == []


def test_a_kind_outside_the_list_is_refused_and_the_cloud_pattern_is_in_it() -> None:
    assert {"pool_resource", "iaas", "paas", "saas"} <= set(KINDS)
    with pytest.raises(ValidationFailed) as refusal:
        Description.checked("Robot", "android", "IT", None, None)
    assert refusal.value.field == "kind"


def test_scales_are_versioned_and_each_version_kept() -> None:
    two = [(1, "Low", "Little harm"), (2, "High", "Much harm")]
    scales = ClassificationScales.set_first(
        TENANT, ACTOR, {"confidentiality": two, "integrity": two, "availability": two}
    )
    assert scales.current.version == 2 and scales.versions[1] == DEFAULT_SCALES
    with pytest.raises(ValidationFailed, match="already in use"):
        scales.revise(ACTOR, {"confidentiality": two, "integrity": two, "availability": two})
    scales.revise(ACTOR, {"confidentiality": two, "integrity": two, "availability": [*two, (3, "Vital", "Stops us")]})
    assert scales.current.version == 3 and len(scales.versions[2].availability) == 2
    with pytest.raises(ValidationFailed) as gap:
        scales.revise(ACTOR, {"confidentiality": [(1, "A", "a"), (3, "B", "b")], "integrity": two, "availability": two})
    assert gap.value.field == "confidentiality.value"


def test_a_file_is_checked_whole_every_error_by_line() -> None:
    rows = [
        (
            2,
            {
                "name": "Server",
                "kind": "Hardware",
                "owner": "IT",
                "confidentiality": 2.0,
                "integrity": "1",
                "availability": 3,
            },
        ),
        (3, {"name": "", "kind": "robot", "owner": "IT"}),
        (4, {"name": "", "kind": "", "owner": ""}),
        (
            5,
            {
                "name": "Vault",
                "kind": "site",
                "owner": "Me",
                "confidentiality": "high",
                "integrity": 1,
                "availability": 1,
            },
        ),
    ]
    checked = check_file(rows, DEFAULT_SCALES)
    assert [(e.line, e.column) for e in checked.errors] == [(3, "name"), (3, "kind"), (5, "confidentiality")]
    assert [r.classification for r in checked.rows] == [Classification(2, 1, 3, 1)]
    assert refused(checked) is not None and refused(check_file(rows[:1], DEFAULT_SCALES)) is None
    assert [(e.line, e.column) for e in check_headings(["Name", "KIND", "location"])] == [(1, "owner")]
