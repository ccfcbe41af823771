"""The controls pages: the editions with their counts, a catalogue's controls by theme or domain with a filter and
paging, where each 2005 control went in 2022, and refused filters shown beside their field."""

from __future__ import annotations

import re

from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH
from tests.api.page_support import MEMBER, ClientFor
from tests.support.graphql_client import GraphQLClient


def control_ids(html: str) -> list[str]:
    return re.findall(r'<tr id="control-([^"]+)">', html)


def test_the_controls_link_and_page_show_each_edition_with_its_counts(client_for: ClientFor) -> None:
    for email in (ALPINE_ADMIN, ALPINE_COACH, MEMBER):
        page = client_for(email).http.get("/catalogues")
        assert page.status_code == 200
        assert '<a href="/catalogues">Controls</a>' in page.text
    text = page.text
    assert "ISO/IEC 27001:2022" in text and "93 controls in 4 themes" in text
    assert "133 controls in 11 domains" in text
    assert re.search(r"Technological controls</a></th><td>34</td>", text)
    assert re.search(r"A.10 Running communications and operations</a></th><td>32</td>", text)


def test_the_catalogues_are_filtered_by_origin_and_words_and_a_refused_filter_is_said(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH).http
    headings = re.compile(r'<h2 id="catalogue-\d+"><a href="/catalogues/([^"]+)">')
    assert headings.findall(coach.get("/catalogues").text) == ["iso27001-2022", "iso27001-2005", "alpine-baseline"]
    assert headings.findall(coach.get("/catalogues?origin=imported").text) == ["alpine-baseline"]
    shipped = coach.get("/catalogues?origin=shipped&search=2005").text
    assert headings.findall(shipped) == ["iso27001-2005"] and "1 catalogue shown by these filters." in shipped
    refused = coach.get("/catalogues?search=" + "x" * 101).text
    assert 'id="filter-error"' in refused and "100" in refused
    assert len(headings.findall(refused)) == 3  # the first page, whole, below the refusal


def test_a_catalogue_lists_its_controls_by_theme_a_page_at_a_time(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH).http
    first = coach.get("/catalogues/iso27001-2022")
    shown = control_ids(first.text)
    assert shown[:11] == ["5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.7", "5.8", "5.9", "5.10", "5.11"]
    assert len(shown) == 50 and "Organisational controls" in first.text and "People controls" in first.text
    assert (
        '5.7</a></th>\n        <td>Threat information gathered and used <span class="status">new in this edition'
        in first.text
    )
    more = re.search(r'<a href="(/catalogues/iso27001-2022\?after=[^"]+)">More controls</a>', first.text)
    assert more is not None
    second = coach.get(more.group(1).replace("&amp;", "&"))
    assert shown[-1] == "7.5" and control_ids(second.text)[0] == "7.6" and len(control_ids(second.text)) == 43
    assert "More controls" not in second.text and "Back to the first controls" in second.text
    assert "Clauses 4 to 10" in first.text and "6.1.3 Risk treatment and applicability" in first.text


def test_the_filter_keeps_one_theme_and_words_of_the_title(client_for: ClientFor) -> None:
    member = client_for(MEMBER).http
    people = member.get("/catalogues/iso27001-2022", params={"group": "people"})
    assert control_ids(people.text) == [f"6.{n}" for n in range(1, 9)]
    assert '<option value="people" selected>' in people.text
    assert control_ids(member.get("/catalogues/iso27001-2022", params={"search": "cloud"}).text) == ["5.23"]
    nothing = member.get("/catalogues/iso27001-2022", params={"group": "people", "search": "cloud"})
    assert "No control matches." in nothing.text


def test_a_2005_control_shows_its_objective_and_where_it_went_in_2022(client_for: ClientFor) -> None:
    page = client_for(ALPINE_COACH).http.get("/catalogues/iso27001-2005", params={"group": "A.13"})
    assert control_ids(page.text) == ["A.13.1.1", "A.13.1.2", "A.13.2.1", "A.13.2.2", "A.13.2.3"]
    assert "A.13.2 · Incidents handled consistently and learnt from" in page.text
    assert '<th scope="col">In ISO/IEC 27001:2022</th>' in page.text
    row = re.search(r'<tr id="control-A.13.2.1">.*?</tr>', page.text, re.S)
    assert row is not None
    assert re.findall(r">(5\.2\d)</a>", row.group(0)) == ["5.24", "5.25", "5.26"]
    unmapped = client_for(ALPINE_COACH).http.get("/catalogues/iso27001-2005", params={"search": "backs"})
    assert "None." in unmapped.text and "Now a requirement of clause 5.1" in unmapped.text


def test_a_refused_filter_is_shown_beside_its_field(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH).http
    page = coach.get("/catalogues/iso27001-2022", params={"search": "x" * 101})
    assert page.status_code == 422
    field = re.search(r'<div class="field has-error">\s*<label for="search">.*?</div>', page.text, re.S)
    assert field is not None and "100" in field.group(0)
    assert control_ids(page.text) == []
    forged = coach.get("/catalogues/iso27001-2022", params={"after": "forged"})
    assert forged.status_code == 422 and "not a cursor given by this API" in forged.text


def test_an_unknown_catalogue_is_a_404_and_a_signed_out_visitor_signs_in_first(
    client_for: ClientFor, anonymous: GraphQLClient
) -> None:
    assert client_for(MEMBER).http.get("/catalogues/iso27001-2013").status_code == 404
    response = anonymous.http.get("/catalogues/iso27001-2022", follow_redirects=False)
    assert response.status_code in (302, 303, 307) and "/login" in response.headers["location"]
