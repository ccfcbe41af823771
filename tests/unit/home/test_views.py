"""What's next, from rows as the API answers them."""

from __future__ import annotations

from datetime import date

from frontend.home.views import whats_next


def member(name: str, used: int, ceiling: int = 20, analysed: bool = True, active: bool = True) -> dict:
    return {
        "organisation": {"id": name, "name": name},
        "active": active,
        "coachingHalfDaysUsed": used,
        "coachingHalfDaysCeiling": ceiling,
        "coachingHalfDaysRemaining": ceiling - used,
        "gapAnalyses": [{"number": 1}] if analysed else [],
    }


def session(key: str, on: str, status: str = "scheduled") -> dict:
    return {"key": key, "title": key, "scheduledOn": on, "halfDay": "morning", "status": status}


CLUSTER = {
    "id": "c",
    "name": "C",
    "status": "running",
    "viewerCan": {"acceptPlan": False},
    "sessions": [
        session("past", "2026-03-01"),
        session("held", "2026-03-02", "held"),
        session("today", "2026-03-10"),
        session("edge", "2026-03-24"),
        session("later", "2026-03-25"),
    ],
    "clashes": [
        {"sessionKey": "old", "scheduledOn": "2026-03-01"},
        {"sessionKey": "today", "scheduledOn": "2026-03-10"},
    ],
    "members": [member("A", 17), member("B", 16), member("C", 0, analysed=False), member("D", 20, active=False)],
}


def test_coming_sessions_run_two_weeks_from_today_and_past_ones_wait_to_be_recorded() -> None:
    found = whats_next([CLUSTER], date(2026, 3, 10))
    assert [s["key"] for s in found.coming] == ["today", "edge"]
    assert [s["key"] for s in found.to_record] == ["past"]
    assert [c["sessionKey"] for c in found.clashes] == ["today"]


def test_members_at_85_percent_of_their_ceiling_and_without_analysis_are_named_if_active() -> None:
    found = whats_next([CLUSTER], date(2026, 3, 10))
    assert [m["organisation"]["name"] for m in found.near_ceiling] == ["A"]
    assert [m["organisation"]["name"] for m in found.without_analysis] == ["C"]


def test_only_forming_clusters_the_viewer_may_plan_are_to_plan() -> None:
    forming = {**CLUSTER, "status": "forming", "sessions": [], "clashes": []}
    assert whats_next([{**forming, "viewerCan": {"acceptPlan": True}}], date(2026, 3, 10)).to_plan
    assert not whats_next([forming], date(2026, 3, 10)).to_plan
