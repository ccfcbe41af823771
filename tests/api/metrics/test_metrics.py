"""The monitoring and measurement register through the API: the demo bakery's metrics, one whose latest month
missed and one overdue; a metric defined, measured, missed, corrected with a reason, revised and retired; bad input
refused with a typed error naming the field, and nothing written; the register paged by keyset cursors."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.metrics.support import LIST, by_name, definition, metrics, mutate, viewer_id
from tests.api.test_isolation_same_tenant import ALPINE_MEMBER, Alpine, alpine
from tests.conftest import DEMO_DAY
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
__all__ = ["alpine"]
PATCHING, PHISHING, RESTORE = (
    "Critical patches applied within 14 days",
    "Phishing test click rate",
    "Restore tests passed",
)


def test_the_demo_bakery_measures_three_metrics_one_missed_last_month_one_overdue(
    client_for: ClientFor, alpine: Alpine, days_pass: Callable[[date], None]
) -> None:
    days_pass(DEMO_DAY)
    member = client_for(ALPINE_MEMBER)
    found = by_name(member, alpine.muller)
    assert list(found) == [PATCHING, PHISHING, RESTORE]
    patching = found[PATCHING]
    assert [m["value"] for m in patching["measurements"]] == [96, 97.5, 95, 98, 91]
    assert [m["missed"] for m in patching["measurements"]] == [False, False, False, False, True]
    assert (patching["missed"], patching["overdue"], patching["lastMeasuredOn"]) == (True, False, "2026-02-28")
    assert (patching["reference"], patching["ownerName"], patching["evaluatorName"]) == ("8.8", "Marc Muller",
                                                                                         "Claire Coach")  # fmt: skip
    assert found[PHISHING]["ownerName"] == "Jonas Muller" and not found[PHISHING]["missed"]
    assert found[RESTORE]["overdue"] and found[RESTORE]["nextDueOn"] == "2025-12-31"
    assert patching["viewerCan"] == {"revise": True, "retire": True, "recordMeasurement": True,
                                     "correctMeasurement": True}  # fmt: skip
    assert [e["node"]["name"] for e in metrics(member, alpine.muller, missed=True)["edges"]] == [PATCHING]
    assert [e["node"]["name"] for e in metrics(member, alpine.muller, overdue=True)["edges"]] == [RESTORE]
    marc = patching["ownerId"]
    assert metrics(member, alpine.muller, ownerId=marc)["totalCount"] == 2
    assert metrics(member, alpine.muller, status="retired")["totalCount"] == 0
    by_due = metrics(member, alpine.muller, order="DUE")["edges"]
    assert [e["node"]["name"] for e in by_due] == [RESTORE, PATCHING, PHISHING]
    for insider in (ALPINE_COACH, ALPINE_ADMIN):
        seen = metrics(client_for(insider), alpine.muller)
        assert seen["totalCount"] == 3 and seen["viewerCan"] == {"define": True}


def test_a_metric_is_measured_missed_corrected_with_a_reason_revised_and_retired(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, days_pass: Callable[[date], None]
) -> None:
    days_pass(DEMO_DAY)
    member, coach = client_for(ALPINE_MEMBER), client_for(ALPINE_COACH)
    me = viewer_id(member)
    defined = mutate(member, "defineMetric", definition(alpine.muller, me, evaluatorId=viewer_id(coach),
                                                           reference="A.8.24"))["metric"]  # fmt: skip
    assert (defined["status"], defined["measurementCount"], defined["missed"], defined["overdue"]) == (
        "active",
        0,
        False,
        False,
    )
    ids = {"metricId": defined["id"]}
    mutate(member, "recordMeasurement", ids | {"measuredOn": "2026-01-31", "value": 100})
    missed = mutate(member, "recordMeasurement", ids | {"measuredOn": "2026-02-28", "value": 87.5,
                                                         "note": "Two new laptops"})["metric"]  # fmt: skip
    assert [m["missed"] for m in missed["measurements"]] == [False, True]
    assert missed["missed"] and missed["lastValue"] == 87.5 and missed["nextDueOn"] == "2026-03-31"
    february = missed["measurements"][1]["id"]
    before = events_in_log(demo_services)
    no_reason = mutate(member, "correctMeasurement", ids | {"measurementId": february, "value": 100, "reason": " "})
    assert (no_reason["code"], no_reason["field"]) == ("VALIDATION", "reason")
    assert events_in_log(demo_services) == before
    corrected = mutate(coach, "correctMeasurement", ids | {"measurementId": february, "value": 100,
                                                           "reason": "The two laptops were encrypted"})["metric"]  # fmt: skip
    assert not corrected["missed"] and corrected["measurements"][1]["corrected"]
    assert corrected["history"][-1]["details"] == "2026-02-28: 87.5 → 100 % (The two laptops were encrypted)"
    given = {k: v for k, v in definition(alpine.muller, me, target=98).items() if k != "organisationId"} | ids
    revised = mutate(member, "reviseMetric", given)["metric"]
    assert revised["target"] == 98 and revised["history"][-1]["details"] == "target, reference, evaluator"
    assert [m["target"] for m in revised["measurements"]] == [100, 100]  # judged against the target then in force
    retired = mutate(member, "retireMetric", ids | {"reason": "Every laptop is encrypted at delivery"})["metric"]
    assert retired["status"] == "retired" and not retired["overdue"]
    assert retired["viewerCan"] == {"revise": False, "retire": False, "recordMeasurement": False,
                                    "correctMeasurement": False}  # fmt: skip
    before = events_in_log(demo_services)
    refused = mutate(member, "recordMeasurement", ids | {"measuredOn": "2026-03-01", "value": 100})
    assert (refused["code"], refused["field"]) == ("VALIDATION", "metricId")
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [({"frequency": "daily"}, "frequency"), ({"direction": "exactly"}, "direction"), ({"name": ""}, "name"),
     ({"name": "a\nb"}, "name"), ({"name": "x" * 201}, "name"), ({"method": "x" * 2001}, "method"),
     ({"method": " "}, "method"), ({"unit": "x" * 31}, "unit"), ({"unit": ""}, "unit"), ({"target": 2e12}, "target"),
     ({"reference": "nine"}, "reference"), ({"reference": "x" * 21}, "reference"),
     ({"ownerId": "nope"}, "ownerId"), ({"ownerId": "RANDOM"}, "ownerId"), ({"evaluatorId": "RANDOM"}, "evaluatorId"),
     ({"ownerId": "KIRCHBERG"}, "ownerId"), ({"organisationId": "nope"}, "organisationId")],
)  # fmt: skip
def test_a_bad_metric_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, change: dict[str, Any], field: str
) -> None:
    member = client_for(ALPINE_MEMBER)
    kirchberg = client_for("member@kirchberg.example")
    swapped = {
        key: str(uuid.uuid4()) if value == "RANDOM" else viewer_id(kirchberg) if value == "KIRCHBERG" else value
        for key, value in change.items()
    }
    before = events_in_log(demo_services)
    refused = mutate(member, "defineMetric", definition(alpine.muller, viewer_id(member)) | swapped)
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [({"measuredOn": "1999-12-31"}, "measuredOn"), ({"measuredOn": "2027-01-05"}, "measuredOn"),
     ({"measuredOn": "2026-02-28"}, "measuredOn"), ({"value": -2e12}, "value"), ({"note": "x" * 1001}, "note"),
     ({"metricId": "RANDOM"}, "metricId"), ({"metricId": "nope"}, "metricId")],
)  # fmt: skip
def test_a_bad_measurement_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, change: dict[str, Any], field: str
) -> None:
    member = client_for(ALPINE_MEMBER)
    patching = by_name(member, alpine.muller)[PATCHING]
    given = {"metricId": patching["id"], "measuredOn": "2026-03-31", "value": 99}
    given |= {key: str(uuid.uuid4()) if value == "RANDOM" else value for key, value in change.items()}
    before = events_in_log(demo_services)
    refused = mutate(member, "recordMeasurement", given)
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [({"reason": ""}, "reason"), ({"reason": "x" * 1001}, "reason"), ({"value": 1e13}, "value"),
     ({"measurementId": "RANDOM"}, "measurementId"), ({"measurementId": "nope"}, "measurementId"),
     ({"note": "x" * 1001}, "note")],
)  # fmt: skip
def test_a_bad_correction_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, change: dict[str, Any], field: str
) -> None:
    member = client_for(ALPINE_MEMBER)
    patching = by_name(member, alpine.muller)[PATCHING]
    given = {"metricId": patching["id"], "measurementId": patching["measurements"][0]["id"], "value": 99,
             "reason": "Misread"}  # fmt: skip
    given |= {key: str(uuid.uuid4()) if value == "RANDOM" else value for key, value in change.items()}
    before = events_in_log(demo_services)
    refused = mutate(member, "correctMeasurement", given)
    assert refused["field"] == field, refused
    assert events_in_log(demo_services) == before


def test_the_register_pages_by_keyset_cursor_and_refuses_a_cursor_of_another_order(
    client_for: ClientFor, alpine: Alpine
) -> None:
    member = client_for(ALPINE_MEMBER)
    first = metrics(member, alpine.muller, first=2)
    assert [e["node"]["name"] for e in first["edges"]] == [PATCHING, PHISHING]
    assert first["pageInfo"]["hasNextPage"] and first["totalCount"] == 3
    rest = metrics(member, alpine.muller, first=2, after=first["pageInfo"]["endCursor"])
    assert [e["node"]["name"] for e in rest["edges"]] == [RESTORE] and not rest["pageInfo"]["hasNextPage"]
    wrong = member.execute(LIST, {"id": alpine.muller, "after": first["pageInfo"]["endCursor"], "order": "DUE"})
    assert wrong["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "after"}
    bad_status = member.execute(LIST, {"id": alpine.muller, "status": "lost"})
    assert bad_status["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "status"}
    bad_owner = member.execute(LIST, {"id": alpine.muller, "ownerId": "nope"})
    assert bad_owner["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "ownerId"}
