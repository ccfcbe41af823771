"""The audit trail's pages: a register's item page shows its audit trail; the admins' page shows the consultancy's
trail by person, register and period, a page at a time; nobody else reaches it."""

from __future__ import annotations

import re

from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN
from tests.api.page_support import MEMBER, ClientFor
from tests.api.risks.support import identify, mutate, organisation_id
from tests.api.trail.test_trail import audit_trail, nodes


def entries(html: str) -> list[str]:
    found = re.search(r'<ol class="trail">(.*?)</ol>', html, re.S)
    return re.findall(r"<li>.*?</li>", found.group(1), re.S) if found else []


def test_a_risk_s_page_shows_its_audit_trail_with_the_reason_given(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    muller = organisation_id(member)
    risk = identify(member, muller, "Oven fire")
    mutate(member, "assessRisk", {"riskId": risk["id"], "likelihood": 2, "impact": 3})
    mutate(member, "assessRisk", {"riskId": risk["id"], "likelihood": 3, "impact": 3, "reason": "A second oven"})
    page = member.http.get(f"/organisations/{muller}/risks/{risk['id']}")
    assert page.status_code == 200 and '<h2 id="trail-heading">Audit trail</h2>' in page.text
    shown = entries(page.text)
    assert len(shown) == 3 and "<strong>Assessed</strong>" in shown[0] and "by Marc Muller" in shown[0]
    assert "Reason: A second oven" in shown[0] and "<strong>Identified</strong>" in shown[-1]


def test_a_metric_s_page_shows_when_a_measurement_was_taken_and_when_it_was_recorded(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    measured = next(e for e in nodes(audit_trail(admin, filter={"register": "metrics"}, first=100)) if e["datedApart"])
    page = admin.http.get(f"/trail/items/{measured['itemId']}")
    assert page.status_code == 200 and "Recorded " in page.text and "; dated " in page.text


def test_the_admins_read_the_trail_by_register_a_page_at_a_time(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN).http
    page = admin.get("/audit/trail")
    assert page.status_code == 200 and '<a href="/audit/trail">Audit trail</a>' in page.text
    assert ">Claire Coach</option>" in page.text, "the person filter names the consultancy's accounts"
    assert len(entries(page.text)) == 50 and 'rel="next"' in page.text
    following = re.search(r'<a href="([^"]+)" rel="next">', page.text)
    assert following is not None
    assert entries(admin.get(following.group(1).replace("&amp;", "&")).text)[0] not in entries(page.text)
    risks = admin.get("/audit/trail", params={"register": "risks"}).text
    assert entries(risks) and all("(risks)" in entry for entry in entries(risks))


def test_a_refused_filter_is_said_and_the_whole_trail_shown(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN).http
    page = admin.get("/audit/trail", params={"from": "2026-03-05", "to": "2026-03-01"})
    assert page.status_code == 200 and 'id="filter-error"' in page.text and "ends before it starts" in page.text
    assert entries(page.text)
    assert 'id="filter-error"' in admin.get("/audit/trail", params={"register": "nothing"}).text


def test_only_the_admins_reach_the_trail_page(client_for: ClientFor) -> None:
    for email in (ALPINE_COACH, MEMBER):
        page = client_for(email).http.get("/audit/trail")
        assert page.status_code == 404 and '<a href="/audit/trail">' not in client_for(email).http.get("/").text


def test_an_item_s_history_is_out_of_view_of_another_consultancy(client_for: ClientFor) -> None:
    member = client_for(MEMBER)
    risk = identify(member, organisation_id(member), "Oven fire")
    assert member.http.get(f"/trail/items/{risk['id']}").status_code == 200
    assert client_for(HARBOUR_ADMIN).http.get(f"/trail/items/{risk['id']}").status_code == 404
