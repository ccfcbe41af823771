"""The pages as of a past date: every register page takes `?as_of=`, says in a banner that it shows what was
recorded then, keeps the moment in its links and offers no form that changes anything; a bad moment is refused on
the page; the comparison page shows what changed between two dates."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.api.conftest import ALPINE_COACH
from tests.api.page_support import MEMBER, ClientFor


def moment(value: Any) -> str:
    return str(value.strftime("%Y-%m-%dT%H:%M:%S"))


def test_a_register_page_as_of_a_past_moment_shows_what_was_recorded_then(
    client_for: ClientFor, story: dict[str, Any]
) -> None:
    member = client_for(MEMBER)
    inventory = f"/organisations/{story['muller']}/assets"
    today = member.http.get(inventory)
    assert "Loyalty app" in today.text and 'name="as_of"' in today.text and "As recorded on" not in today.text
    page = member.http.get(inventory, params={"as_of": moment(story["before"])})
    assert page.status_code == 200
    assert "As recorded on" in page.text and "Loyalty app" not in page.text and "Cellar sensor hub" in page.text
    assert 'method="post"' not in page.text.split('<main id="main">')[1]
    links = [tag for tag in re.findall(r"<a\b[^>]*>", page.text) if 'href="/' in tag and "/static/" not in tag]
    assert links and all("as_of=" in tag for tag in links if "data-now" not in tag)
    assert f'href="{inventory}" data-now>Back to today</a>' in page.text


@pytest.mark.parametrize(
    ("given", "said"), [("yesterday", "is not one"), ("2999-01-01", "still to come"), ("2026-13-40", "is not one")]
)
def test_a_bad_moment_is_refused_on_the_page(
    client_for: ClientFor, story: dict[str, Any], given: str, said: str
) -> None:
    page = client_for(ALPINE_COACH).http.get(f"/organisations/{story['muller']}/assets", params={"as_of": given})
    assert page.status_code == 400 and said in page.text


def test_the_comparison_page_shows_what_changed_between_two_dates(client_for: ClientFor, story: dict[str, Any]) -> None:
    member = client_for(MEMBER)
    address = f"/organisations/{story['muller']}/history/compare"
    empty = member.http.get(address)
    assert empty.status_code == 200 and 'id="compare-form"' in empty.text
    given = {"register": "assets", "from": moment(story["before"]), "to": moment(story["after"])}
    page = member.http.get(address, params=given)
    assert page.status_code == 200, page.text
    assert "Loyalty app" in page.text and "Added" in page.text
    assert re.search(r"<strong>owner</strong>:\s*IT lead → Marc Muller", page.text)
    refused = member.http.get(address, params=given | {"register": "gossip"})
    assert refused.status_code == 400 and "Choose one of the registers" in refused.text
    backwards = member.http.get(address, params=given | {"from": given["to"], "to": given["from"]})
    assert backwards.status_code == 400 and "before the to moment" in backwards.text


def test_a_fact_recorded_a_day_or_more_after_its_date_shows_both(client_for: ClientFor) -> None:
    """The demo's half-days and incidents carry past dates and were recorded when the demo was seeded."""
    coach = client_for(ALPINE_COACH)
    cluster = re.search(r'href="(/clusters/[0-9a-f-]{36})"', coach.http.get("/clusters").text)
    assert cluster is not None
    member = re.search(r'href="(/clusters/[0-9a-f-]{36}/members/[0-9a-f-]{36})"', coach.http.get(cluster[1]).text)
    assert member is not None
    ledger = coach.http.get(member[1]).text
    assert re.search(r'<span class="hint">recorded on <time datetime="[^"]+">\w{3} \d+ \w{3} \d{4}</time>', ledger)
    incidents = coach.http.get("/incidents").text
    organisation = re.search(r'href="(/organisations/[0-9a-f-]{36}/incidents)"', incidents)
    assert organisation is not None
    listed = coach.http.get(organisation[1]).text
    incident = re.search(rf'href="({organisation[1]}/[0-9a-f-]{{36}})"', listed)
    assert incident is not None
    timeline = coach.http.get(incident[1]).text
    assert re.search(r"\(recorded on \d{4}-\d\d-\d\d \d\d:\d\d UTC\)", timeline)
