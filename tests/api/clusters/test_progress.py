"""A member's progress since its first gap analysis, drawn from its history: a milestone is reached on the day of its
first event and stays there; the weekly burn-up is cumulative; the coach of the cluster and the admins see every
member's, a member its own only; another member, a coach of another cluster, another consultancy and an auditor
never."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import UUID

from backend.services import Services
from domain.tenancy.consultancy import consultancy_id
from projections.queries import Scope
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH
from tests.api.metrics.support import definition, viewer_id
from tests.api.metrics.support import mutate as metric_mutation
from tests.api.tenancy.test_grants import AUDITOR
from tests.api.test_isolation_same_tenant import SECOND_COACH, SECOND_MEMBER, Alpine, _random, alpine
from tests.support.graphql_client import GraphQLClient

__all__ = ["alpine"]
ClientFor = Callable[[str], GraphQLClient]
MEMBER = "member@muller.example"
PROGRESS = """query($id: ID!) { cluster(id: $id) { __typename ... on Cluster { progressMilestones { key } members {
    organisation { id name }
    progress { since total reached reachedOn firstWeek weeks burnUp } } } } }"""
RECORD_TRAINING = """mutation($input: RecordTrainingInput!) { r: recordTraining(input: $input) { __typename } }"""


def progress_of(client: GraphQLClient, cluster_id: str) -> dict[str, Any]:
    """Each member's progress by name, its days keyed by the cluster's milestones (the member's `reachedOn` follows
    their order) and its burn-up as (week, reached) pairs."""
    cluster = client.data(PROGRESS, {"id": cluster_id})["cluster"]
    assert cluster["__typename"] == "Cluster", cluster
    keys = [m["key"] for m in cluster["progressMilestones"]]
    return {m["organisation"]["name"]: _keyed(keys, m["progress"]) for m in cluster["members"]}


def _keyed(keys: list[str], progress: dict[str, Any] | None) -> dict[str, Any] | None:
    if progress is None:
        return None
    milestones = dict(zip(keys, progress["reachedOn"], strict=True))
    return progress | {
        "milestones": milestones,
        "points": list(zip(progress["weeks"], progress["burnUp"], strict=True)),
    }


def reached(progress: dict[str, Any]) -> dict[str, str]:
    return {key: day for key, day in progress["milestones"].items() if day}


def week(progress: dict[str, Any], monday: str) -> int:
    [count] = [reached for start, reached in progress["points"] if start == monday]
    return int(count)


def train(client: GraphQLClient, organisation_id: str, course: str, completed_on: str) -> None:
    given = {"organisationId": organisation_id, "course": course, "completedOn": completed_on, "provider": "In house"}
    answer = client.data(RECORD_TRAINING, {"input": given | {"personName": "Dr Lena Weber"}})["r"]
    assert answer["__typename"] == "TrainingChange", answer


def test_milestones_are_reached_on_the_days_of_their_first_events_and_the_burn_up_adds_them_up(
    client_for: ClientFor, alpine: Alpine
) -> None:
    coach, kirchberg = client_for(ALPINE_COACH), client_for(SECOND_MEMBER)
    before = progress_of(coach, alpine.cluster_id)["Kirchberg Dental"]
    assert (before["since"], before["reached"], reached(before)) == ("2025-11-11", 0, {})
    assert before["total"] == len(before["milestones"]) == 21
    assert before["points"][0] == ("2025-11-10", 0)
    assert before["weeks"][-1] == "2027-01-04"  # the week of the test day
    assert set(before["burnUp"]) == {0}

    train(kirchberg, alpine.kirchberg, "Backups 101", "2026-01-15")
    train(kirchberg, alpine.kirchberg, "Phishing drill", "2026-02-20")  # later: competence stays reached on the 15th
    me = viewer_id(kirchberg)
    metric = metric_mutation(kirchberg, "defineMetric", definition(alpine.kirchberg, me))["metric"]
    metric_mutation(kirchberg, "recordMeasurement", {"metricId": metric["id"], "measuredOn": "2026-03-31", "value": 1})

    after = progress_of(coach, alpine.cluster_id)["Kirchberg Dental"]
    assert reached(after) == {"competence.present": "2026-01-15", "monitoring.present": "2026-03-31"}
    assert after["reached"] == 2 and after["since"] == "2025-11-11"
    assert week(after, "2026-01-05") == 0
    assert week(after, "2026-01-12") == 1  # the week of 15 January
    assert week(after, "2026-02-16") == 1  # the second training reaches nothing new
    assert week(after, "2026-03-30") == 2
    series = after["burnUp"]
    assert series == sorted(series) and series[-1] == 2
    assert after["weeks"] == before["weeks"]
    assert after["firstWeek"] == after["weeks"][0] == "2025-11-10"  # the Monday of the first gap analysis (the 11th)


def test_the_demo_shows_mullers_progress_from_its_history(client_for: ClientFor, alpine: Alpine) -> None:
    muller = progress_of(client_for(ALPINE_ADMIN), alpine.cluster_id)["Boulangerie Muller"]
    days = reached(muller)
    assert muller["since"] == "2025-11-12"
    assert days["competence.present"] == "2026-01-01"  # the first training the demo records
    assert days["audit_results.approved"] == "2026-03-02"  # the internal audit completed on the demo day
    assert "policy.approved" not in days  # no policy published yet
    assert muller["burnUp"][-1] == muller["reached"] == len(days)


def test_only_the_clusters_coach_the_admins_and_the_members_own_people_read_its_progress(
    client_for: ClientFor, alpine: Alpine, demo_services: Services, days_pass: Callable[[date], None]
) -> None:
    members = ["Boulangerie Muller", "Kirchberg Dental", "Moselle Logistics"]
    for insider in (ALPINE_COACH, ALPINE_ADMIN):
        seen = progress_of(client_for(insider), alpine.cluster_id)
        assert sorted(seen) == members and all(seen.values()), insider
    assert list(progress_of(client_for(MEMBER), alpine.cluster_id)) == ["Boulangerie Muller"]
    kirchberg = progress_of(client_for(SECOND_MEMBER), alpine.cluster_id)
    assert list(kirchberg) == ["Kirchberg Dental"] and kirchberg["Kirchberg Dental"]["since"] == "2025-11-11"
    # the read itself, as another member of the cluster: its own progress, never Muller's
    as_kirchberg = Scope(consultancy_id("alpine"), organisation_id=UUID(alpine.kirchberg))
    found = demo_services.queries.trail.milestones_by_member(as_kirchberg, UUID(alpine.cluster_id))
    assert list(found) == [UUID(alpine.kirchberg)]
    for outsider in (SECOND_COACH, HARBOUR_ADMIN, HARBOUR_COACH):
        client = client_for(outsider)
        answer = client.data(PROGRESS, {"id": alpine.cluster_id})
        assert answer == client.data(PROGRESS, {"id": _random()}), outsider
        assert answer["cluster"]["__typename"] == "NotFoundError", outsider
    days_pass(date(2026, 3, 10))  # inside the demo auditor's window
    auditor = client_for(AUDITOR)
    answer = auditor.data(PROGRESS, {"id": alpine.cluster_id})
    assert answer == auditor.data(PROGRESS, {"id": _random()})
    assert answer["cluster"]["__typename"] == "NotFoundError"
