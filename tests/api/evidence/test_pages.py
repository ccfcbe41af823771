"""The audit evidence page: the coach exports a bundle through its form (twelve months up to the business day
proposed) and finds it listed with its download; a window refused shows beside its field with no event written;
the member reads the list and the keys' address without the form; an outsider finds no page."""

from __future__ import annotations

import html
import re

from backend.services import Services
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf
from tests.api.risks.support import organisation_id
from tests.api.test_isolation_same_tenant import SECOND_COACH, SECOND_MEMBER, Alpine, alpine

__all__ = ["alpine"]  # the fixture


def said(page: str) -> str:
    found = re.search(r"<p class=\"said\"[^>]*>(.*?)</p>", page, re.S)
    return html.unescape(found.group(1).strip()) if found else ""


def test_the_coach_exports_a_bundle_from_the_page_and_finds_it_listed(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach, muller = client_for(ALPINE_COACH), organisation_id(client_for(MEMBER))
    page = f"/organisations/{muller}/evidence"
    shown = coach.http.get(page).text
    assert 'value="2026-01-05"' in shown and 'value="2027-01-04"' in shown  # the twelve months up to today
    assert 'href="/audit/keys"' in shown and "VERIFY.md" in shown
    assert f'href="/organisations/{muller}/audit-bundles/1.zip"' in shown  # the demo's
    token, before = csrf(shown), events_in_log(demo_services)
    refused = coach.http.post(
        page, data={"csrf_token": token, "export-windowFrom": "2023-01-01", "export-windowTo": "2026-12-31"}
    )
    assert refused.status_code == 422 and 'id="export-windowFrom-error"' in refused.text
    assert "three years" in refused.text and events_in_log(demo_services) == before
    blank = coach.http.post(page, data={"csrf_token": token, "export-windowFrom": "", "export-windowTo": "2027-01-04"})
    assert blank.status_code == 422 and 'id="export-windowFrom-error"' in blank.text
    done = coach.http.post(
        page, data={"csrf_token": token, "export-windowFrom": "2026-01-01", "export-windowTo": "2027-01-04"}
    )
    assert said(done.text).startswith("Bundle 2 is exported")
    assert f'href="/organisations/{muller}/audit-bundles/2.zip"' in done.text and "Claire Coach" in done.text


def test_the_member_reads_the_list_without_the_form_and_outsiders_find_no_page(
    client_for: ClientFor, alpine: Alpine
) -> None:
    member, muller = client_for(MEMBER), alpine.muller
    shown = member.http.get(f"/organisations/{muller}/evidence").text
    assert 'data-bundle="1"' in shown and 'id="export-form"' not in shown
    isms = member.http.get(f"/organisations/{muller}/isms").text
    assert f'href="/organisations/{muller}/evidence"' in isms
    for outsider in (SECOND_MEMBER, SECOND_COACH):
        assert client_for(outsider).http.get(f"/organisations/{muller}/evidence").status_code == 404
