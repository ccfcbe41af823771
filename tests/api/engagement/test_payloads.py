"""A mutation answers with what it wrote, even after another field of the same request read the cluster."""

from __future__ import annotations

from collections.abc import Callable

from tests.api.conftest import ALPINE_COACH
from tests.api.programme_support import REFUSAL, demo_cluster
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
USED = f"""{REFUSAL} ... on ClusterChange {{ cluster {{ viewerCan {{ logCoachingHalfDay }}
    members {{ organisation {{ name }} coachingHalfDaysUsed coachingHalfDays {{ workDone }} }} }} }}"""
TWICE = f"""mutation($a: LogCoachingHalfDayInput!, $b: LogCoachingHalfDayInput!) {{
    a: logCoachingHalfDay(input: $a) {{ {USED} }}
    b: logCoachingHalfDay(input: $b) {{ {USED} }} }}"""


def test_two_mutations_in_one_document_each_answer_with_the_ledger_as_they_left_it(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    muller = cluster["member_ids"]["Boulangerie Muller"]
    entry = {"clusterId": cluster["id"], "organisationId": muller, "heldOn": "2026-03-24"}
    answer = coach.data(TWICE, {"a": {**entry, "workDone": "First"}, "b": {**entry, "workDone": "Second"}})

    def muller_after(field: str) -> tuple[int, list[str]]:
        [row] = [m for m in answer[field]["cluster"]["members"] if m["organisation"]["name"] == "Boulangerie Muller"]
        return row["coachingHalfDaysUsed"], [e["workDone"] for e in row["coachingHalfDays"]][-2:]

    (used_a, last_a), (used_b, last_b) = muller_after("a"), muller_after("b")
    assert used_b == used_a + 1
    assert last_a[-1] == "First" and last_b == ["First", "Second"]
