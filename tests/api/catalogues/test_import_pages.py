"""The catalogue import page (check, then confirm) and a control's page with the consultancy's own text."""

from __future__ import annotations

import json
import re
from pathlib import Path

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf

OSCAL = (Path(__file__).parents[2] / "fixtures" / "catalogues" / "oscal-small.json").read_bytes()


def test_an_admin_checks_an_oscal_catalog_then_imports_it(client_for: ClientFor, demo_services: Services) -> None:
    http = client_for(ALPINE_ADMIN).http
    token = csrf(http.get("/catalogue-import").text)
    files = {"file": ("catalog.json", OSCAL, "application/json")}
    before = events_in_log(demo_services)
    checked = http.post(
        "/catalogue-import", data={"csrf_token": token, "format": "oscal", "catalogue": "acme-oscal"}, files=files
    )
    assert checked.status_code == 200
    assert "6 controls in 3 groups, ready to import as <strong>acme-oscal</strong> version 1." in checked.text
    assert re.search(r"Access control</th><td>4</td>", checked.text)
    assert events_in_log(demo_services) == before
    content = re.search(r'name="content" value="([^"]*)"', checked.text)
    assert content is not None
    confirm = {"csrf_token": token, "format": "oscal", "catalogue": "acme-oscal", "confirm": "yes"}
    done = http.post("/catalogue-import", data=confirm | {"content": json.dumps(json.loads(OSCAL))})
    assert done.status_code == 200 and "Acme baseline is imported as version 1." in done.text
    listed = http.get("/catalogues").text
    assert "Acme baseline" in listed and "imported by your consultancy, version 1" in listed


def test_a_bad_file_is_shown_beside_the_file_field(client_for: ClientFor, demo_services: Services) -> None:
    http = client_for(ALPINE_ADMIN).http
    token = csrf(http.get("/catalogue-import").text)
    before = events_in_log(demo_services)
    broken = json.loads(OSCAL)
    broken["catalog"]["groups"][0]["controls"][1].pop("title")
    files = {"file": ("catalog.json", json.dumps(broken).encode(), "application/json")}
    page = http.post("/catalogue-import", data={"csrf_token": token, "format": "oscal", "catalogue": "x"}, files=files)
    assert page.status_code == 422
    assert "catalog.groups[0].controls[1].title: expected text that is not empty." in page.text
    big = {"file": ("big.json", b"{" + b" " * (2 * 1024 * 1024) + b"}", "application/json")}
    page = http.post("/catalogue-import", data={"csrf_token": token, "format": "cordee"}, files=big)
    assert page.status_code == 422 and "larger than 2 MB" in page.text
    assert events_in_log(demo_services) == before


def test_only_an_admin_sees_the_import_page(client_for: ClientFor) -> None:
    assert client_for(ALPINE_COACH).http.get("/catalogue-import").status_code == 404
    assert client_for(MEMBER).http.get("/catalogue-import").status_code == 404
    assert "Import a catalogue" not in client_for(MEMBER).http.get("/catalogues").text
    assert "Import a catalogue" in client_for(ALPINE_ADMIN).http.get("/catalogues").text


def test_a_coach_pastes_the_text_of_a_control_that_the_consultancy_s_people_alone_read(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH).http
    page = coach.get("/catalogues/iso27001-2022/controls/5.24")
    assert page.status_code == 200 and "<h1>5.24 " in page.text and "Save the text" in page.text
    refused = coach.post(
        "/catalogues/iso27001-2022/controls/5.24/text", data={"csrf_token": csrf(page.text), "text-text": "a\u0001b"}
    )
    assert refused.status_code == 422 and "invisible control character" in refused.text
    done = coach.post(
        "/catalogues/iso27001-2022/controls/5.24/text",
        data={"csrf_token": csrf(page.text), "text-text": "Licensed text of 5.24."},
    )
    assert done.status_code == 200 and "Licensed text of 5.24." in done.text
    member = client_for(MEMBER).http.get("/catalogues/iso27001-2022/controls/5.24").text
    assert "Licensed text of 5.24." in member and "Save the text" not in member and "Replace the text" not in member
    assert (
        "Licensed text of 5.24."
        not in client_for(HARBOUR_ADMIN).http.get("/catalogues/iso27001-2022/controls/5.24").text
    )
    assert coach.get("/catalogues/iso27001-2022/controls/9.99").status_code == 404
