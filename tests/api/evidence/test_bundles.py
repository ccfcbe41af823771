"""An organisation's auditor's bundles through the API: exported by its coach or an admin, listed newest first to
them and to its own member accounts, downloaded as a ZIP whose own verifier, run without Cordee against the
published key, says VERIFIED; bad input names its field and writes nothing."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from backend.audit.canonical import moment_text
from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.evidence.support import EXPORT, WINDOW, bundles, export, verified
from tests.api.programme_support import demo_cluster
from tests.api.test_isolation_same_tenant import ALPINE_MEMBER
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]


@pytest.fixture
def muller(client_for: ClientFor) -> str:
    organisation: str = demo_cluster(client_for(ALPINE_ADMIN))["member_ids"]["Boulangerie Muller"]
    return organisation


def test_the_coach_exports_a_bundle_which_lists_first_and_downloads_verified(
    client_for: ClientFor, muller: str, tmp_path: Path
) -> None:
    coach, member = client_for(ALPINE_COACH), client_for(ALPINE_MEMBER)
    done = export(coach, muller)
    assert done["__typename"] == "AuditBundleChange", done
    bundle = done["bundle"]
    assert (bundle["number"], bundle["windowFrom"], bundle["windowTo"]) == (2, "2026-01-01", "2027-01-04")
    assert bundle["exportedBy"] == "Claire Coach"
    assert bundle["downloadUrl"] == f"/organisations/{muller}/audit-bundles/2.zip"
    listed = bundles(member, muller)
    assert [e["node"]["number"] for e in listed["edges"]] == [2, 1]  # the demo exported the first
    assert listed["edges"][0]["node"] == bundle
    assert listed["viewerCan"] == {"export": False}
    assert bundles(coach, muller)["viewerCan"] == {"export": True}
    assert bundles(client_for(ALPINE_ADMIN), muller)["viewerCan"] == {"export": True}

    asked = datetime.now(UTC)
    response = member.http.get(bundle["downloadUrl"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/zip"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and "Boulangerie Muller - audit bundle 2" in disposition
    with zipfile.ZipFile(io.BytesIO(response.content)) as zipped:
        manifest = json.loads(zipped.read("manifest.json"))
        assert {"VERIFY.md", "verify.py", "registers.xlsx", "registers.pdf", "events.jsonl"} <= set(zipped.namelist())
    assert manifest["organisation"] == "Boulangerie Muller" and manifest["organisation_id"] == muller
    assert manifest["window"] == {"from": "2026-01-01", "to": "2027-01-04"} and manifest["bundle_number"] == 2
    # The end of the window's last day, or the moment of the download when that is still to come (the tests' business
    # day is ahead of the clock that stamps events).
    assert moment_text(asked.replace(microsecond=0)) <= manifest["registers_as_of"] <= moment_text(datetime.now(UTC))
    assert manifest["previous_checkpoint"] is not None  # the demo's bundle came first
    published = member.http.get("/audit/keys").json()["keys"]
    [key] = [k["verifierKey"] for k in published if k["current"]]
    result = verified(response.content, tmp_path / "auditor", key)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("VERIFIED")


def test_the_list_pages_newest_first_with_cursors(client_for: ClientFor, muller: str) -> None:
    admin = client_for(ALPINE_ADMIN)
    for window_to in ("2026-06-30", "2026-12-31"):
        assert export(admin, muller, windowTo=window_to)["__typename"] == "AuditBundleChange"
    first = bundles(admin, muller, first=2)
    assert [e["node"]["number"] for e in first["edges"]] == [3, 2] and first["pageInfo"]["hasNextPage"]
    rest = bundles(admin, muller, first=2, after=first["pageInfo"]["endCursor"])
    assert [e["node"]["number"] for e in rest["edges"]] == [1] and not rest["pageInfo"]["hasNextPage"]
    refused = admin.execute(
        'query($id: ID!) { auditBundles(organisationId: $id, after: "bm90IGEgY3Vyc29y") { pageInfo { hasNextPage } } }',
        {"id": muller},
    )
    assert refused["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "after"}


@pytest.mark.parametrize(
    ("window", "field"),
    [
        ({"windowFrom": "2026-06-01", "windowTo": "2026-05-01"}, "windowFrom"),
        ({"windowTo": "2027-01-05"}, "windowTo"),
        ({"windowFrom": "2023-01-01", "windowTo": "2026-12-31"}, "windowFrom"),
        ({"windowFrom": "1999-12-31"}, "windowFrom"),
    ],
    ids=["starts after it ends", "ends in the future", "over three years", "before 2000"],
)
def test_a_bad_window_is_refused_naming_the_field_and_writes_nothing(
    client_for: ClientFor, demo_services: Services, muller: str, window: dict[str, str], field: str
) -> None:
    coach, before = client_for(ALPINE_COACH), events_in_log(demo_services)
    refused = export(coach, muller, **window)
    assert (refused["__typename"], refused["code"], refused["field"]) == ("ValidationError", "VALIDATION", field)
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize("field", ["windowFrom", "windowTo"])
@pytest.mark.parametrize("value", ["2026-02-30", "next week", 20260101])
def test_a_date_that_is_none_is_refused_by_the_schema_naming_the_field(
    client_for: ClientFor, demo_services: Services, muller: str, field: str, value: object
) -> None:
    before = events_in_log(demo_services)
    answer = client_for(ALPINE_COACH).execute(EXPORT, {"input": {"organisationId": muller} | WINDOW | {field: value}})
    [error] = answer["errors"]
    assert error["extensions"]["code"] == "VALIDATION" and error["extensions"]["field"].endswith(field), error
    assert events_in_log(demo_services) == before


def test_an_organisation_id_that_is_none_or_unknown_is_refused_naming_it(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin, before = client_for(ALPINE_ADMIN), events_in_log(demo_services)
    malformed, unknown = export(admin, "not-an-id"), export(admin, str(uuid.uuid4()))
    assert (malformed["code"], malformed["field"]) == ("VALIDATION", "organisationId")
    assert (unknown["code"], unknown["field"]) == ("NOT_FOUND", "organisationId")
    assert events_in_log(demo_services) == before


def test_a_member_account_downloads_but_does_not_export(
    client_for: ClientFor, demo_services: Services, muller: str
) -> None:
    member, before = client_for(ALPINE_MEMBER), events_in_log(demo_services)
    refused = export(member, muller)
    assert (refused["__typename"], refused["code"]) == ("ForbiddenError", "FORBIDDEN")
    assert events_in_log(demo_services) == before
    assert member.http.get(f"/organisations/{muller}/audit-bundles/1.zip").status_code == 200
    for missing in ("3", "0", "x", "99999999999"):
        assert member.http.get(f"/organisations/{muller}/audit-bundles/{missing}.zip").status_code == 404
