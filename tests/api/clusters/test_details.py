"""An admin renames a cluster or hands it to another coach, with a reason: the new coach sees it at once, the old one
no longer does. Nobody else may, and a refused change names its field and writes nothing."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from backend.auth.passwords import hash_password
from backend.demo import DEMO_PASSWORD
from backend.services import Services
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role
from domain.tenancy.commands import OpenAccount
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.api.programme_support import cluster_view, demo_cluster, mutate

DARIO = "dario@alpine.example"


def open_coach(services: Services, email: str = DARIO, role: Role = Role.COACH) -> None:
    services.execute(
        OpenAccount(
            consultancy_id("alpine"), SYSTEM_ACTOR, email, "Dario Duarte", hash_password(DEMO_PASSWORD), (role,)
        )
    )


def coach_ids(client_for: ClientFor) -> dict[str, str]:
    coaches = client_for(ALPINE_ADMIN).data("{ coaches { id displayName } }")["coaches"]
    return {coach["displayName"]: coach["id"] for coach in coaches}


def change(client: Any, cluster_id: str, **given: str) -> dict[str, Any]:
    variables = {"clusterId": cluster_id, "name": "Luxembourg SMEs 2026", "reason": "Claire moves to Trier"} | given
    return mutate(client, "changeClusterDetails", "ChangeClusterDetailsInput", variables, "name coach { displayName }")


def test_the_new_coach_sees_the_cluster_and_the_old_one_no_longer_does(
    client_for: ClientFor, demo_services: Services
) -> None:
    open_coach(demo_services)
    admin, claire, dario = client_for(ALPINE_ADMIN), client_for(ALPINE_COACH), client_for(DARIO)
    cluster_id = demo_cluster(admin)["id"]
    assert cluster_view(dario, cluster_id, "name") == {
        "__typename": "NotFoundError",
        "code": "NOT_FOUND",
        "field": "id",
    }
    changed = change(admin, cluster_id, name="Luxembourg SMEs North", coachId=coach_ids(client_for)["Dario Duarte"])
    assert changed == {
        "__typename": "ClusterChange",
        "cluster": {"name": "Luxembourg SMEs North", "coach": {"displayName": "Dario Duarte"}},
    }
    assert cluster_view(dario, cluster_id, "name")["name"] == "Luxembourg SMEs North"
    assert cluster_view(claire, cluster_id, "name")["code"] == "NOT_FOUND"
    assert cluster_view(client_for(MEMBER), cluster_id, "name coach { displayName }")["coach"] == {
        "displayName": "Dario Duarte"
    }


def test_a_rename_alone_keeps_the_coach(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster_id = demo_cluster(admin)["id"]
    changed = change(admin, cluster_id, name="Luxembourg SMEs", coachId=coach_ids(client_for)["Claire Coach"])
    assert changed["cluster"] == {"name": "Luxembourg SMEs", "coach": {"displayName": "Claire Coach"}}


@pytest.mark.parametrize(
    ("given", "code", "field"),
    [
        ({"name": " "}, "VALIDATION", "name"),
        ({"name": "x" * 201}, "VALIDATION", "name"),
        ({}, "VALIDATION", "name"),  # nothing changes
        ({"name": "Renamed", "reason": " "}, "VALIDATION", "reason"),
        ({"coachId": "not-an-id"}, "VALIDATION", "coachId"),
        ({"coachId": str(uuid.UUID(int=7))}, "NOT_FOUND", "coachId"),
        ({"clusterId": str(uuid.UUID(int=7))}, "NOT_FOUND", "clusterId"),
    ],
)
def test_a_refused_change_names_its_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, given: dict[str, str], code: str, field: str
) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster_id = demo_cluster(admin)["id"]
    before = events_in_log(demo_services)
    refused = change(admin, cluster_id, **{"coachId": coach_ids(client_for)["Claire Coach"], **given})
    assert (refused["code"], refused["field"]) == (code, field), refused
    assert events_in_log(demo_services) == before


def test_the_new_coach_is_a_coach_of_the_same_consultancy(client_for: ClientFor, demo_services: Services) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster_id = demo_cluster(admin)["id"]
    harbour_coach = client_for(HARBOUR_ADMIN).data("{ coaches { id } }")["coaches"][0]["id"]
    member = client_for(MEMBER).data("{ viewer { id } }")["viewer"]["id"]
    before = events_in_log(demo_services)
    assert change(admin, cluster_id, coachId=harbour_coach)["code"] == "NOT_FOUND"
    assert change(admin, cluster_id, coachId=member) | {"message": ""} == {
        "__typename": "ValidationError",
        "code": "VALIDATION",
        "field": "coachId",
        "message": "",
    }
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize("who", [ALPINE_COACH, MEMBER, HARBOUR_ADMIN, HARBOUR_COACH])
def test_only_the_consultancy_s_admins_change_a_cluster_s_details(
    client_for: ClientFor, demo_services: Services, who: str
) -> None:
    cluster_id = demo_cluster(client_for(ALPINE_ADMIN))["id"]
    claire = coach_ids(client_for)["Claire Coach"]
    before = events_in_log(demo_services)
    refused = change(client_for(who), cluster_id, name="Taken over", coachId=claire)
    # the role decides first, for everyone alike; another consultancy's admin does not find the cluster
    expected = ("NOT_FOUND", "clusterId") if who == HARBOUR_ADMIN else ("FORBIDDEN", None)
    assert (refused["code"], refused["field"]) == expected
    assert events_in_log(demo_services) == before


def test_the_cluster_settings_page_renames_hands_over_and_closes_with_confirmation(
    client_for: ClientFor, demo_services: Services
) -> None:
    open_coach(demo_services)
    admin = client_for(ALPINE_ADMIN)
    cluster_id = demo_cluster(admin)["id"]
    assert f'href="/clusters/{cluster_id}/settings"' in admin.http.get(f"/clusters/{cluster_id}").text
    page = admin.http.get(f"/clusters/{cluster_id}/settings")
    assert page.status_code == 200 and "Name and coach" in page.text and "Close the cluster" in page.text
    token = csrf(page.text)
    blank = admin.http.post(f"/clusters/{cluster_id}/details", data={"csrf_token": token, "details-name": " "})
    assert blank.status_code == 422
    assert "This field is required." in field(blank.text, "details-name")
    assert "This field is required." in field(blank.text, "details-reason")
    dario = coach_ids(client_for)["Dario Duarte"]
    typed = {
        "csrf_token": token,
        "details-name": "Luxembourg North",
        "details-coachId": dario,
        "details-reason": "Claire moved",
    }
    done = admin.http.post(f"/clusters/{cluster_id}/details", data=typed)
    assert done.status_code == 200 and "details are changed" in done.text
    assert "Luxembourg North" in done.text and "Dario Duarte" in done.text
    before = events_in_log(demo_services)
    unconfirmed = admin.http.post(
        f"/clusters/{cluster_id}/close", data={"csrf_token": token, "close-closedOn": "2027-01-04"}
    )
    assert unconfirmed.status_code == 422 and "Tick the box to confirm" in unconfirmed.text
    assert events_in_log(demo_services) == before
    closed = admin.http.post(
        f"/clusters/{cluster_id}/close",
        data={"csrf_token": token, "close-closedOn": "2027-01-04", "close-confirm": "yes"},
    )
    assert closed.status_code == 200 and "The cluster is closed as of" in closed.text
    assert "closed" in admin.http.get(f"/clusters/{cluster_id}/settings").text.lower()


def test_a_coach_sees_the_settings_page_without_the_details_form(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id = demo_cluster(coach)["id"]
    page = coach.http.get(f"/clusters/{cluster_id}/settings")
    assert page.status_code == 200 and "Name and coach" not in page.text and "Close the cluster" in page.text
    assert client_for(HARBOUR_ADMIN).http.get(f"/clusters/{cluster_id}/settings").status_code == 404
