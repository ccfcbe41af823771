"""Sessions held with attendance, in module order; feedback anonymous unless signed: an unsigned item of another
organisation carries no time, and items come by session, kind and text, never in the order they were shared."""

from __future__ import annotations

from collections.abc import Callable

from backend.services import Services
from domain.tenancy.account import Role
from tests.api.conftest import ALPINE_COACH, HARBOUR_ADMIN, events_in_log
from tests.api.programme_support import cluster_view, demo_cluster, mutate
from tests.api.test_isolation_same_tenant import SECOND_MEMBER, open_account
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
MEMBER = "member@muller.example"
FEEDBACK = 'feedback(sessionKey: "module:1") { id kind text signedBy status hiddenReason mine sharedAt }'


def test_attendance_warns_below_two_people_and_marks_nobody_as_absent(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    held = cluster_view(
        coach, cluster["id"], 'attendance(sessionKey: "module:1") { organisationName attendees warning absent }'
    )
    by_name = {a["organisationName"]: a for a in held["attendance"]}
    assert by_name["Boulangerie Muller"]["attendees"] == ["Marc Muller", "Sophie Muller"]
    assert by_name["Boulangerie Muller"]["warning"] is None
    assert "recommends two" in by_name["Kirchberg Dental"]["warning"]
    ids = cluster["member_ids"]
    recorded = mutate(
        coach,
        "holdSession",
        "HoldSessionInput",
        {
            "clusterId": cluster["id"],
            "sessionKey": "module:6",
            "heldOn": "2026-03-02",
            "halfDays": 1,
            "attendance": [{"organisationId": ids["Boulangerie Muller"], "attendees": ["Marc Muller", "Sophie"]}],
        },
        'attendance(sessionKey: "module:6") { organisationName attendees absent } session(key: "module:6") { status heldOn }',
    )
    assert recorded["cluster"]["session"] == {"status": "held", "heldOn": "2026-03-02"}
    absent = {a["organisationName"] for a in recorded["cluster"]["attendance"] if a["absent"]}
    assert absent == {"Kirchberg Dental", "Moselle Logistics"}


def test_modules_are_held_in_order_and_attendance_names_only_members(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    before = events_in_log(demo_services)
    early = mutate(
        coach,
        "holdSession",
        "HoldSessionInput",
        {"clusterId": cluster["id"], "sessionKey": "module:7", "heldOn": "2026-03-02", "halfDays": 1},
    )
    assert (early["code"], early["field"]) == ("VALIDATION", "sessionKey")
    assert "Module 6 has not been held" in early["message"]
    stranger = mutate(
        coach,
        "holdSession",
        "HoldSessionInput",
        {
            "clusterId": cluster["id"],
            "sessionKey": "module:6",
            "heldOn": "2026-03-02",
            "halfDays": 1,
            "attendance": [{"organisationId": "0b9f4a4e-0000-4000-8000-000000000000", "attendees": ["Eve"]}],
        },
    )
    assert (stranger["code"], stranger["field"]) == ("VALIDATION", "attendance.organisationId")
    cancelled = mutate(
        coach,
        "cancelSession",
        "CancelSessionInput",
        {"clusterId": cluster["id"], "sessionKey": "module:6", "reason": ""},
    )
    assert (cancelled["code"], cancelled["field"]) == ("VALIDATION", "reason")
    assert events_in_log(demo_services) == before


def test_feedback_stays_anonymous_unless_signed(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    items = cluster_view(coach, cluster["id"], FEEDBACK)["feedback"]
    assert {i["signedBy"] for i in items} == {"Marc Muller", None}
    assert [i for i in items if i["signedBy"] is None]
    member = client_for(MEMBER)
    shared = mutate(
        member,
        "shareFeedback",
        "ShareFeedbackInput",
        {"clusterId": cluster["id"], "sessionKey": "module:1", "kind": "hard", "text": "Too fast for us"},
        FEEDBACK,
    )
    [mine] = [i for i in shared["cluster"]["feedback"] if i["text"] == "Too fast for us"]
    assert (mine["signedBy"], mine["mine"]) == (None, True)
    assert mine["sharedAt"]  # the author's own organisation knows when it shared it
    [seen_by_coach] = [
        i for i in cluster_view(coach, cluster["id"], FEEDBACK)["feedback"] if i["text"] == "Too fast for us"
    ]
    assert (seen_by_coach["signedBy"], seen_by_coach["mine"], seen_by_coach["sharedAt"]) == (None, False, None)
    signed = mutate(
        member,
        "shareFeedback",
        "ShareFeedbackInput",
        {
            "clusterId": cluster["id"],
            "sessionKey": "module:1",
            "kind": "worked",
            "text": "Clear examples",
            "signed": True,
        },
        FEEDBACK,
    )
    assert [i["signedBy"] for i in signed["cluster"]["feedback"] if i["text"] == "Clear examples"] == ["Marc Muller"]
    as_coach = cluster_view(coach, cluster["id"], FEEDBACK)["feedback"]
    assert all(i["sharedAt"] for i in as_coach if i["signedBy"])  # a signed item keeps its time
    assert not [i for i in as_coach if not i["signedBy"] and i["sharedAt"]]


def test_an_unsigned_item_of_another_member_carries_no_time_and_no_order_of_sharing(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    kirchberg = cluster["member_ids"]["Kirchberg Dental"]
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, kirchberg)
    member = client_for(MEMBER)
    for text in ("Zero breaks all day", "A good pace"):  # shared in this order, one after the other
        share = {"clusterId": cluster["id"], "sessionKey": "module:1", "kind": "hard", "text": text}
        mutate(member, "shareFeedback", "ShareFeedbackInput", share)
    for viewer in (coach, client_for(SECOND_MEMBER)):
        items = cluster_view(viewer, cluster["id"], FEEDBACK)["feedback"]
        ours = [i for i in items if i["text"] in ("Zero breaks all day", "A good pace")]
        assert [(i["text"], i["sharedAt"], i["mine"]) for i in ours] == [
            ("A good pace", None, False),
            ("Zero breaks all day", None, False),
        ]
        assert [(i["kind"], i["text"]) for i in items] == sorted((i["kind"], i["text"]) for i in items)
    own = [i for i in cluster_view(member, cluster["id"], FEEDBACK)["feedback"] if i["mine"]]
    assert {i["text"] for i in own} >= {"Zero breaks all day", "A good pace"} and all(i["sharedAt"] for i in own)


def test_the_author_withdraws_and_the_coach_hides_with_a_reason(client_for: ClientFor, demo_services: Services) -> None:
    coach, member = client_for(ALPINE_COACH), client_for(MEMBER)
    cluster = demo_cluster(coach)
    items = cluster_view(member, cluster["id"], FEEDBACK)["feedback"]
    theirs = next(i for i in items if not i["mine"])
    before = events_in_log(demo_services)
    refused = mutate(
        member, "withdrawFeedback", "FeedbackItemInput", {"clusterId": cluster["id"], "itemId": theirs["id"]}
    )
    assert refused["code"] == "FORBIDDEN"
    assert events_in_log(demo_services) == before
    own = next(i for i in items if i["mine"])
    mutate(member, "withdrawFeedback", "FeedbackItemInput", {"clusterId": cluster["id"], "itemId": own["id"]})
    assert own["id"] not in {i["id"] for i in cluster_view(member, cluster["id"], FEEDBACK)["feedback"]}
    hidden = mutate(
        coach,
        "hideFeedback",
        "HideFeedbackInput",
        {"clusterId": cluster["id"], "itemId": theirs["id"], "reason": "Names a person"},
        FEEDBACK,
    )
    [as_coach] = [i for i in hidden["cluster"]["feedback"] if i["id"] == theirs["id"]]
    assert (as_coach["status"], as_coach["hiddenReason"]) == ("hidden", "Names a person")
    assert theirs["id"] not in {i["id"] for i in cluster_view(member, cluster["id"], FEEDBACK)["feedback"]}
    as_member = mutate(
        member, "hideFeedback", "HideFeedbackInput", {"clusterId": cluster["id"], "itemId": own["id"], "reason": "x"}
    )
    assert as_member["code"] == "FORBIDDEN"


def test_feedback_is_shared_on_held_sessions_by_members_only(client_for: ClientFor, demo_services: Services) -> None:
    coach, member = client_for(ALPINE_COACH), client_for(MEMBER)
    cluster = demo_cluster(coach)
    before = events_in_log(demo_services)
    not_held = mutate(
        member,
        "shareFeedback",
        "ShareFeedbackInput",
        {"clusterId": cluster["id"], "sessionKey": "module:9", "kind": "worked", "text": "Early"},
    )
    assert (not_held["code"], not_held["field"]) == ("VALIDATION", "sessionKey")
    by_coach = mutate(
        coach,
        "shareFeedback",
        "ShareFeedbackInput",
        {"clusterId": cluster["id"], "sessionKey": "module:1", "kind": "worked", "text": "From the coach"},
    )
    assert by_coach["code"] == "FORBIDDEN"
    bad_kind = mutate(
        member,
        "shareFeedback",
        "ShareFeedbackInput",
        {"clusterId": cluster["id"], "sessionKey": "module:1", "kind": "meh", "text": "?"},
    )
    assert (bad_kind["code"], bad_kind["field"]) == ("VALIDATION", "kind")
    assert events_in_log(demo_services) == before


def test_another_consultancy_sees_no_session_attendance_or_feedback(client_for: ClientFor) -> None:
    cluster = demo_cluster(client_for(ALPINE_COACH))
    foreign = cluster_view(client_for(HARBOUR_ADMIN), cluster["id"], FEEDBACK)
    assert foreign == {"__typename": "NotFoundError", "code": "NOT_FOUND", "field": "id"}
    share = mutate(
        client_for("member@quayside.example"),
        "shareFeedback",
        "ShareFeedbackInput",
        {"clusterId": cluster["id"], "sessionKey": "module:1", "kind": "hard", "text": "Planted"},
    )
    assert (share["code"], share["field"]) == ("NOT_FOUND", "clusterId")


def test_feedback_is_not_shared_about_one_members_own_session(client_for: ClientFor, demo_services: Services) -> None:
    """Its key names the member, so an anonymous item there would not be anonymous."""
    member = client_for(MEMBER)
    cluster = demo_cluster(member)
    own = next(
        s["key"]
        for s in cluster_view(member, cluster["id"], "sessions { key status }")["sessions"]
        if s["key"].startswith("gap-analysis:") and s["status"] == "held"
    )
    before = events_in_log(demo_services)
    refused = mutate(
        member,
        "shareFeedback",
        "ShareFeedbackInput",
        {"clusterId": cluster["id"], "sessionKey": own, "kind": "hard", "text": "Our own visit"},
    )
    assert (refused["code"], refused["field"]) == ("VALIDATION", "sessionKey")
    assert events_in_log(demo_services) == before


def test_withdrawn_feedback_cannot_be_brought_back_by_hiding_it(client_for: ClientFor) -> None:
    coach, member = client_for(ALPINE_COACH), client_for(MEMBER)
    cluster = demo_cluster(coach)
    shared = mutate(
        member,
        "shareFeedback",
        "ShareFeedbackInput",
        {"clusterId": cluster["id"], "sessionKey": "module:1", "kind": "hard", "text": "On second thoughts"},
        FEEDBACK,
    )
    [item] = [i for i in shared["cluster"]["feedback"] if i["text"] == "On second thoughts"]
    mutate(member, "withdrawFeedback", "FeedbackItemInput", {"clusterId": cluster["id"], "itemId": item["id"]})
    hidden = mutate(
        coach, "hideFeedback", "HideFeedbackInput", {"clusterId": cluster["id"], "itemId": item["id"], "reason": "x"}
    )
    assert hidden["code"] == "VALIDATION"
    assert item["id"] not in {i["id"] for i in cluster_view(coach, cluster["id"], FEEDBACK)["feedback"]}


UNHIDE = """mutation($input: UnhideFeedbackInput!) { r: unhideFeedback(input: $input) {
  __typename ... on UserError { code field message } } }"""


def test_only_the_clusters_coaches_correct_a_hiding_and_a_refusal_writes_nothing(
    client_for: Callable[[str], GraphQLClient], demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = coach.data("{ clusters { edges { node { id feedback { id text status } } } } }")["clusters"]["edges"][0][
        "node"
    ]
    item = next(i for i in cluster["feedback"] if i["status"] == "visible")
    given = {"clusterId": cluster["id"], "itemId": item["id"], "reason": "Shown by mistake"}
    before = events_in_log(demo_services)
    not_hidden = coach.data(UNHIDE, {"input": given})["r"]
    assert (not_hidden["code"], not_hidden["message"]) == ("VALIDATION", "This feedback is not hidden.")
    hide = "mutation($input: HideFeedbackInput!) { r: hideFeedback(input: $input) { __typename } }"
    assert coach.data(hide, {"input": {**given, "reason": "Names a person"}})["r"]["__typename"] == "ClusterChange"
    before = events_in_log(demo_services)
    empty = coach.data(UNHIDE, {"input": {**given, "reason": "  "}})["r"]
    assert (empty["code"], empty["field"]) == ("VALIDATION", "reason")
    member = client_for("member@muller.example").data(UNHIDE, {"input": given})["r"]
    assert member["code"] in ("FORBIDDEN", "NOT_FOUND")
    foreign = client_for(HARBOUR_ADMIN).data(UNHIDE, {"input": given})["r"]
    assert foreign["code"] == "NOT_FOUND"
    assert events_in_log(demo_services) == before
    assert coach.data(UNHIDE, {"input": given})["r"] == {"__typename": "ClusterChange"}
    history = coach.data("{ clusters { edges { node { feedback { id history { action reason } } } } } }")
    [shown] = [i for i in history["clusters"]["edges"][0]["node"]["feedback"] if i["id"] == item["id"]]
    assert shown["history"] == [
        {"action": "hidden", "reason": "Names a person"},
        {"action": "shown_again", "reason": "Shown by mistake"},
    ]
