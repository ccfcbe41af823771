"""What's next: the landing page answers it for each person, from what they may see."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN
from tests.api.page_support import MEMBER, ClientFor, forming_cluster


def section(html: str, heading_id: str) -> str:
    found = re.search(rf'<section aria-labelledby="{heading_id}">.*?</section>', html, re.S)
    assert found is not None, heading_id
    return found.group(0)


def test_a_coach_lands_on_whats_next(client_for: ClientFor, days_pass: Callable[[date], None]) -> None:
    days_pass(date(2026, 3, 16))
    home = client_for(ALPINE_COACH).http.get("/")
    assert home.status_code == 200 and "<h1>What's next</h1>" in home.text and "Mon 16 Mar 2026" in home.text
    coming = section(home.text, "coming-heading")
    assert "Module 6: Security policy, security measures and effectiveness (part 2)" in coming
    assert coming.index("Thu 19 Mar 2026") > 0 and "Coaching after module 6" in coming
    assert "Module 7" not in coming  # 9 April is more than two weeks ahead
    clashes = section(home.text, "clashes-heading")
    assert "Boulangerie Muller declared itself unavailable" in clashes and "Thu 19 Mar 2026" in clashes
    assert "Coaching after module 5" in section(home.text, "record-heading")  # 5-9 March, not yet recorded


def test_members_near_their_ceiling_and_missing_analyses_are_listed(
    client_for: ClientFor, days_pass: Callable[[date], None]
) -> None:
    admin = client_for(ALPINE_ADMIN)
    forming = forming_cluster(admin, "New One", "New Two")
    home = admin.http.get("/").text
    assert "Moselle Logistics</a>: 26 of 28 half-days used, 2 left" in section(home, "ceiling-heading")
    missing = section(home, "analysis-heading")
    assert "New One" in missing and "New Two" in missing and "Boulangerie Muller" not in missing
    assert f'href="/clusters/{forming}/plan">Esch Manufacturers</a>: 2 members, no plan yet' in home


def test_a_member_sees_only_its_own_next_steps(client_for: ClientFor, days_pass: Callable[[date], None]) -> None:
    days_pass(date(2026, 3, 16))
    home = client_for(MEMBER).http.get("/").text
    coming = section(home, "coming-heading")
    assert "Coaching after module 6" in coming and "Boulangerie Muller" in coming
    assert "Kirchberg Dental" not in home and "Moselle Logistics" not in home
    assert "plan-heading" not in home


def test_another_consultancy_sees_none_of_it(client_for: ClientFor) -> None:
    home = client_for(HARBOUR_ADMIN).http.get("/").text
    assert "Luxembourg SMEs 2026" not in home and "Boulangerie" not in home


def test_signed_out_visitors_are_sent_to_sign_in(client_for: ClientFor) -> None:
    anonymous = client_for(ALPINE_COACH).http
    anonymous.cookies.clear()
    response = anonymous.get("/", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/"
