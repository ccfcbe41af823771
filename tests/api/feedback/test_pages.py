"""Feedback on a session page: shared anonymously or signed, withdrawn, hidden by the coach."""

from __future__ import annotations

import re
from collections.abc import Callable

from tests.api.conftest import ALPINE_COACH
from tests.api.page_support import MEMBER, NAMES, ClientFor, csrf, demo_cluster, field, items
from tests.support.graphql_client import GraphQLClient


def test_a_member_shares_feedback_anonymously_or_signed_and_withdraws_its_own(client_for: ClientFor) -> None:
    cluster_id, _ = demo_cluster(client_for(ALPINE_COACH))
    member = client_for(MEMBER)
    session = f"/clusters/{cluster_id}/sessions/module:2"
    page = member.http.get(session).text
    assert "Share feedback" in page and "Hide" not in page
    checkbox = re.search(r'<input type="checkbox" id="share-signed"[^>]*>', page)
    assert checkbox is not None and "checked" not in checkbox.group(0)  # anonymous unless the member chooses

    share = {"csrf_token": csrf(page), "share-kind": "hard", "share-text": "The templates arrived late."}
    member.http.post(f"{session}/feedback", data=share)
    page = member.http.post(
        f"{session}/feedback",
        data={**share, "share-text": "Great examples.", "share-kind": "worked", "share-signed": "yes"},
    ).text
    [anonymous] = [item for item in items(page) if "The templates arrived late." in item]
    [signed] = [item for item in items(page) if "Great examples." in item]
    assert "Anonymous" in anonymous and "Muller" not in anonymous and ">Withdraw<" in anonymous
    assert "— signed by Marc Muller" in signed

    coach_view = client_for(ALPINE_COACH).http.get(session).text
    [seen] = [item for item in items(coach_view) if "The templates arrived late." in item]
    assert "Anonymous" in seen and not any(name in seen for name in NAMES) and "Withdraw" not in seen

    withdraw = re.search(r'action="([^"]+/withdraw)"', anonymous)
    assert withdraw is not None
    unconfirmed = member.http.post(withdraw.group(1), data={"csrf_token": csrf(page)})
    assert unconfirmed.status_code == 422 and "Tick the box to confirm" in unconfirmed.text
    assert "The templates arrived late." in unconfirmed.text
    confirm = re.search(r'name="(withdraw-[^"]+-confirm)"', anonymous)
    assert confirm is not None
    page = member.http.post(withdraw.group(1), data={"csrf_token": csrf(page), confirm.group(1): "yes"}).text
    assert "The templates arrived late." not in page and "Great examples." in page
    assert '<p class="said" role="status" id="said">Your feedback is withdrawn.</p>' in page


def test_a_coach_hides_feedback_that_members_then_no_longer_see(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    session = f"/clusters/{cluster_id}/sessions/module:1"
    page = coach.http.get(session).text
    assert "Share feedback" not in page
    [item] = [item for item in items(page) if "The risk scales were hard" in item]
    hide = re.search(r'action="([^"]+/hide)"', item)
    assert hide is not None
    scope = hide.group(1).split("/")[-2]
    refused = coach.http.post(hide.group(1), data={"csrf_token": csrf(page), f"hide-{scope}-reason": " "})
    assert refused.status_code == 422 and "has-error" in field(refused.text, f"hide-{scope}-reason")

    page = coach.http.post(
        hide.group(1), data={"csrf_token": csrf(page), f"hide-{scope}-reason": "Names a person"}
    ).text
    [hidden] = [item for item in items(page) if "The risk scales were hard" in item]
    assert "is-hidden" in hidden and re.search(r"Hidden on <time[^>]*>[^<]+</time>: Names a person", hidden)
    assert "The risk scales were hard" not in client_for(MEMBER).http.get(session).text

    unhide = re.search(r'action="([^"]+/unhide)"', hidden)
    assert unhide is not None and not re.search(r'action="[^"]+/hide"', hidden)  # hidden once: no second hiding
    reason = {f"unhide-{scope}-reason": "Checked with the trainer: no one is named"}
    page = coach.http.post(unhide.group(1), data={"csrf_token": csrf(page), **reason}).text
    [shown] = [item for item in items(page) if "The risk scales were hard" in item]
    assert "is-hidden" not in shown and "The feedback is shown again" in page
    assert re.search(r"Hidden on .*: Names a person</p><p>Shown again on .*: Checked with the trainer", shown)
    assert "The risk scales were hard" in client_for(MEMBER).http.get(session).text


def test_a_members_own_session_offers_no_feedback(client_for: Callable[[str], GraphQLClient]) -> None:
    member = client_for("member@muller.example")
    cluster_id = member.data("{ clusters { edges { node { id sessions { key } } } } }")["clusters"]["edges"][0]["node"]
    own = next(s["key"] for s in cluster_id["sessions"] if s["key"].startswith("gap-analysis:"))
    page = member.http.get(f"/clusters/{cluster_id['id']}/sessions/{own}")
    assert page.status_code == 200
    assert "Share feedback" not in page.text
    training = member.http.get(f"/clusters/{cluster_id['id']}/sessions/module:1")
    assert "Share feedback" in training.text


def test_the_clusters_feedback_page_groups_it_by_module_and_theme_with_no_time(client_for: ClientFor) -> None:
    cluster_id, _ = demo_cluster(client_for(ALPINE_COACH))
    member = client_for(MEMBER)
    page = member.http.get(f"/clusters/{cluster_id}/sessions/module:1").text
    for text in ("Zero breaks all day", "A good pace"):  # shared in this order
        member.http.post(
            f"/clusters/{cluster_id}/sessions/module:1/feedback",
            data={"csrf_token": csrf(page), "share-kind": "hard", "share-text": text},
        )
    page = client_for(ALPINE_COACH).http.get(f"/clusters/{cluster_id}/feedback").text
    modules = re.findall(r'<h2 id="module-\d+"><a href="[^"]+">([^<]+)</a>', page)
    assert len(modules) >= 2 and modules[0].startswith("Module 1")
    first = page.split('<h2 id="module-2"')[0]
    assert re.findall(r'<h3 class="feedback-theme">([^<]+)</h3>', first) == ["What worked", "What was hard"]
    hard = first.split("What was hard")[1]
    texts = re.findall(r"<blockquote>([^<]+)</blockquote>", hard)
    assert texts == sorted(texts) and texts.index("A good pace") < texts.index("Zero breaks all day")
    assert "<time" not in "".join(items(page))
    assert "— signed by Marc Muller" in page
    mine = client_for(MEMBER).http.get(f"/clusters/{cluster_id}/feedback").text
    assert [i for i in items(mine) if "A good pace" in i and "Anonymous (yours)" in i]
