"""A statement on a catalogue the consultancy imported: started on the import of that moment and kept on it when a
new version is imported, decided, submitted, approved, reviewed, downloaded and shown like one on Annex A; another
consultancy's catalogue is refused as a missing one, and nothing is written."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from typing import Any

from openpyxl import load_workbook

from backend.services import Services
from tests.api.catalogues.test_imports import import_file
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.documents.support import KIRCHBERG_MEMBER
from tests.api.soa.conftest import Muller
from tests.api.soa.support import REVIEW, controls, decide, mutate, statement, versions
from tests.api.soa.test_exports import download
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]


def own_catalogue(catalogue_id: str, *controls: tuple[str, str, str]) -> str:
    """A catalogue file of ours: two groups, the controls given as (id, group, title)."""
    return json.dumps({
        "format": "cordee-catalogue/1", "id": catalogue_id, "edition": "Dental baseline", "title": "Baseline",
        "version": "2026", "grouping": "theme",
        "groups": [{"id": "org", "title": "Organisation"}, {"id": "tech", "title": "Technology"}],
        "controls": [{"id": i, "group": g, "title": t} for i, g, t in controls],
    })  # fmt: skip


FIRST = (("DB-1", "org", "Policy"), ("DB-2", "tech", "Backups"))


def start(client: GraphQLClient, organisation_id: str, catalogue: str) -> dict[str, Any]:
    return mutate(client, "startSoa", "StartSoaInput", {"organisationId": organisation_id, "catalogue": catalogue})


def test_a_statement_keeps_the_imported_version_it_was_started_on(client_for: ClientFor, muller: Muller) -> None:
    admin, member, coach = client_for(ALPINE_ADMIN), client_for(KIRCHBERG_MEMBER), client_for(ALPINE_COACH)
    own = muller.kirchberg_id
    assert import_file(admin, own_catalogue("dental-baseline", *FIRST))["__typename"] == "CatalogueImport"
    assert "dental-baseline" in statement(member, own)["catalogues"]
    page = member.http.get(f"/organisations/{own}/soa").text
    assert '<option value="dental-baseline"' in page
    started = start(member, own, "dental-baseline")["statement"]
    assert (started["catalogueId"], started["catalogueVersion"], started["edition"]) == (
        "dental-baseline", "1", "Dental baseline"
    )  # fmt: skip
    assert [(g["id"], g["controls"]) for g in started["groups"]] == [("org", 1), ("tech", 1)]
    again = import_file(admin, own_catalogue("dental-baseline", *FIRST, ("DB-3", "tech", "Logs")))
    assert again["version"] == 2
    assert controls(member, own)["totalCount"] == 2
    kept = statement(member, own)
    assert kept["catalogueVersion"] == "1" and [g["controls"] for g in kept["groups"]] == [1, 1]
    assert decide(member, own, "DB-3")["field"] == "control"  # in version 2 of the catalogue, not in this one
    decide(member, own, "DB-1", reasons=["business"])
    review = member.data(REVIEW, {"o": own})["r"]
    assert [c["controlId"] for c in review["undecided"]] == ["DB-2"]
    decide(member, own, "DB-2", applicable=False, reasons=[], implementation=None, justification="Paper only.")
    review = member.data(REVIEW, {"o": own})["r"]
    assert review["undecided"] == [] and [g["id"] for g in review["groupsWithNothingApplicable"]] == ["tech"]
    mutate(member, "submitSoaVersion", "SoaVersionInput", {"organisationId": own, "version": 1})
    mutate(coach, "approveSoaVersion", "SoaVersionInput", {"organisationId": own, "version": 1})
    [_draft, approved] = versions(member, own)
    assert (approved["catalogueId"], approved["catalogueVersion"], approved["decided"]) == ("dental-baseline", "1", 2)
    sheet = load_workbook(io.BytesIO(download(member, f"/organisations/{own}/soa/versions/1/soa.xlsx"))).active
    assert sheet is not None and "Dental baseline" in str(sheet["A2"].value)
    assert [r[0] for r in sheet.iter_rows(min_row=6, values_only=True) if r[0]] == ["DB-1", "DB-2"]
    oscal = json.loads(download(member, f"/organisations/{own}/soa/versions/1/soa.json"))
    assert "dental-baseline" in json.dumps(oscal)
    page = member.http.get(f"/organisations/{own}/soa")
    assert page.status_code == 200 and "Dental baseline" in page.text
    assert member.http.get(f"/organisations/{own}/soa/review").status_code == 200


def test_another_consultancy_s_catalogue_is_refused_as_a_missing_one_and_nothing_is_written(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    harbour = client_for(HARBOUR_ADMIN)
    assert import_file(harbour, own_catalogue("harbour-baseline", *FIRST))["__typename"] == "CatalogueImport"
    member = client_for(KIRCHBERG_MEMBER)
    assert "harbour-baseline" not in statement(member, muller.kirchberg_id)["catalogues"]
    before = events_in_log(demo_services)
    result = start(member, muller.kirchberg_id, "harbour-baseline")
    assert (result["code"], result["field"]) == ("NOT_FOUND", "catalogue")
    assert events_in_log(demo_services) == before
    assert statement(member, muller.kirchberg_id)["__typename"] == "SoaNotStarted"
