"""A page offers a form exactly when the API says the viewer may act (`viewer.can`, `viewerCan`): the templates ask,
they do not re-derive roles or statuses. Each case is tried both ways, with the accounts of the demo."""

from __future__ import annotations

from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH
from tests.api.page_support import MEMBER, ClientFor, demo_cluster


def forms(html: str) -> set[str]:
    """The paths the page's forms post to, after the cluster's own `/clusters/<id>/`."""
    found = set()
    for part in html.split('<form method="post" action="')[1:]:
        action = part.split('"', 1)[0]
        found.add(action.split("/", 3)[-1] if action.startswith("/clusters/") else action)
    return found


def test_only_an_admin_is_offered_to_form_a_cluster(client_for: ClientFor) -> None:
    assert "Form a cluster" in client_for(ALPINE_ADMIN).http.get("/clusters").text
    assert "Form a cluster" not in client_for(ALPINE_COACH).http.get("/clusters").text
    assert "Form a cluster" not in client_for(MEMBER).http.get("/clusters").text


def test_a_running_clusters_dashboard_offers_coaching_to_its_coach_and_nothing_to_a_member(
    client_for: ClientFor,
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    offered = forms(coach.http.get(f"/clusters/{cluster_id}").text)
    assert "coaching" in offered
    assert "admissions" not in offered and "start" not in offered  # it runs already
    assert not forms(client_for(MEMBER).http.get(f"/clusters/{cluster_id}").text) - {"/logout"}


def test_a_scheduled_session_offers_hold_and_cancel_to_the_coach_a_held_one_nothing(client_for: ClientFor) -> None:
    coach, member = client_for(ALPINE_COACH), client_for(MEMBER)
    cluster_id, _ = demo_cluster(coach)
    scheduled = forms(coach.http.get(f"/clusters/{cluster_id}/sessions/module:6").text)
    assert {"sessions/module:6/hold", "sessions/module:6/cancel"} <= scheduled
    held = forms(coach.http.get(f"/clusters/{cluster_id}/sessions/module:1").text)
    assert not {a for a in held if a.endswith(("/hold", "/cancel"))}
    as_member = forms(member.http.get(f"/clusters/{cluster_id}/sessions/module:6").text)
    assert not {a for a in as_member if a.endswith(("/hold", "/cancel"))}


def test_feedback_is_shared_by_members_of_a_held_session_and_hidden_by_its_coach(client_for: ClientFor) -> None:
    coach, member = client_for(ALPINE_COACH), client_for(MEMBER)
    cluster_id, _ = demo_cluster(coach)
    held = f"/clusters/{cluster_id}/sessions/module:1"
    as_coach, as_member = forms(coach.http.get(held).text), forms(member.http.get(held).text)
    assert any(a.endswith("/hide") for a in as_coach) and "sessions/module:1/feedback" not in as_coach
    assert "sessions/module:1/feedback" in as_member and not any(a.endswith("/hide") for a in as_member)
    scheduled = forms(member.http.get(f"/clusters/{cluster_id}/sessions/module:6").text)
    assert "sessions/module:6/feedback" not in scheduled


def test_a_members_page_offers_the_ceiling_to_an_admin_coaching_to_the_coach_and_nothing_to_the_member(
    client_for: ClientFor,
) -> None:
    admin, coach, member = client_for(ALPINE_ADMIN), client_for(ALPINE_COACH), client_for(MEMBER)
    cluster_id, members = demo_cluster(admin)
    page = f"/clusters/{cluster_id}/members/{members['Boulangerie Muller']}"
    prefix = f"members/{members['Boulangerie Muller']}"
    as_admin, as_coach, as_member = (forms(c.http.get(page).text) for c in (admin, coach, member))
    assert f"{prefix}/ceiling" in as_admin and f"{prefix}/ceiling" not in as_coach
    assert {f"{prefix}/coaching", f"{prefix}/assessments", f"{prefix}/withdrawal"} <= as_coach
    assert f"{prefix}/outcome/established" in as_coach  # the next step of a member in progress
    assert not {a for a in as_member if a.startswith(prefix)}


def test_a_member_declares_its_unavailability_from_the_plan_and_only_the_coach_moves_sessions(
    client_for: ClientFor,
) -> None:
    coach, member = client_for(ALPINE_COACH), client_for(MEMBER)
    cluster_id, _ = demo_cluster(coach)
    as_coach, as_member = (forms(c.http.get(f"/clusters/{cluster_id}/plan").text) for c in (coach, member))
    assert "unavailability" in as_member and "moves" not in as_member
    assert {"unavailability", "moves"} <= as_coach
