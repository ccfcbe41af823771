"""The Statement of Applicability through the API: decisions justified either way, evidence of the organisation's
own documents, lists with filters and cursors, the review of Annex A, versions approved by someone other than the
person who submitted them, and the move from the 2005 edition. Every refusal names its field and writes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import partial
from typing import Any

from backend.services import Services
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.documents.support import KIRCHBERG_MEMBER, MULLER_AUTHOR, MULLER_MANAGER
from tests.api.documents.support import mutate as document_mutation
from tests.api.soa.conftest import Muller
from tests.api.soa.support import CONTROL, CONTROLS, REVIEW, VERSIONS, controls, decide, mutate, statement, versions
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]


def refused(services: Services, act: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    before = events_in_log(services)
    result = act()
    assert "code" in result, result
    assert events_in_log(services) == before
    return result


def test_the_demo_statement_keeps_its_catalogue_and_its_approved_first_version(
    client_for: ClientFor, muller: Muller
) -> None:
    found = statement(client_for(MULLER_AUTHOR), muller.organisation_id)
    assert (found["catalogueId"], found["catalogueVersion"], found["grouping"]) == ("iso27001-2022", "1", "theme")
    assert (found["version"], found["status"], found["approvedVersion"]) == (2, "draft", 1)
    [_draft, approved] = versions(client_for(MULLER_AUTHOR), muller.organisation_id)
    assert (approved["status"], approved["submittedBy"], approved["approvedBy"]) == (
        "approved",
        "Marc Muller",
        "Claire Coach",
    )
    assert approved["decided"] == 93 and approved["viewerCan"]["download"] is True
    assert sum(group["decided"] for group in found["groups"]) == 93
    assert [h["action"] for h in found["history"]] == ["started", "submitted", "approved"]


def test_a_decision_with_evidence_is_shown_with_its_history(client_for: ClientFor, muller: Muller) -> None:
    member = client_for(MULLER_AUTHOR)
    result = decide(member, muller.organisation_id, "5.1", evidence=[muller.policy_id], reasons=["legal", "business"])
    control = result["control"]
    assert control["evidence"] == [{"documentId": muller.policy_id, "title": "Information security policy"}]
    assert control["reasons"] == ["legal", "business"] and control["decidedBy"] == "Marc Muller"
    assert [h["action"] for h in control["history"]] == ["decided", "decided"]
    assert control["history"][-1]["version"] == 2
    again = member.data(CONTROL, {"o": muller.organisation_id, "c": "5.1"})["c"]
    assert again["evidence"][0]["title"] == "Information security policy"


def test_an_exclusion_without_justification_is_refused_by_field(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    member = client_for(MULLER_AUTHOR)
    given = {"applicable": False, "justification": " ", "reasons": [], "implementation": None}
    result = refused(demo_services, lambda: decide(member, muller.organisation_id, "7.4", **given))
    assert (result["code"], result["field"]) == ("VALIDATION", "justification")


def test_an_inclusion_without_reason_is_refused_and_every_fault_is_named(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    member = client_for(MULLER_AUTHOR)
    result = refused(demo_services, lambda: decide(member, muller.organisation_id, "7.4", reasons=[]))
    assert (result["code"], result["field"]) == ("VALIDATION", "reasons")
    given = {"reasons": [], "implementation": None, "justification": ""}
    several = refused(demo_services, lambda: decide(member, muller.organisation_id, "7.4", **given))
    assert [p["field"] for p in several["problems"]] == ["reasons", "justification", "implementation"]
    unknown = refused(
        demo_services, lambda: decide(member, muller.organisation_id, "7.4", reasons=["whim"], implementation="done")
    )
    assert [p["field"] for p in unknown["problems"]] == ["reasons", "implementation"]


def test_an_unknown_control_a_malformed_or_foreign_document_are_refused(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    member, kirchberg = client_for(MULLER_AUTHOR), client_for(KIRCHBERG_MEMBER)
    foreign = document_mutation(kirchberg, "createDocument", "CreateDocumentInput", {
        "organisationId": muller.kirchberg_id, "kind": "record", "title": "Visitors", "owner": "Desk", "text": ".",
    })["document"]["id"]  # fmt: skip
    cases = [
        ({"control": "A.5.1.1"}, ("VALIDATION", "control")),
        ({"evidence": ["not-an-id"]}, ("VALIDATION", "evidence")),
        ({"evidence": [foreign]}, ("NOT_FOUND", "evidence")),
        ({"evidence": [str(uuid.uuid4())]}, ("NOT_FOUND", "evidence")),
    ]
    for given, expected in cases:
        control = str(given.pop("control", "5.2"))
        result = refused(demo_services, partial(decide, member, muller.organisation_id, control, **given))
        assert (result["code"], result["field"]) == expected, given


def test_the_person_who_submitted_cannot_approve_another_does_and_the_version_is_frozen(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    member, manager = client_for(MULLER_AUTHOR), client_for(MULLER_MANAGER)
    version = {"organisationId": muller.organisation_id, "version": 2}
    submitted = mutate(member, "submitSoaVersion", "SoaVersionInput", version)["statement"]
    assert submitted["status"] == "submitted" and submitted["viewerCan"]["decide"] is False
    assert versions(member, muller.organisation_id)[0]["viewerCan"]["approve"] is False
    result = refused(demo_services, lambda: mutate(member, "approveSoaVersion", "SoaVersionInput", version))
    assert (result["code"], result["field"]) == ("VALIDATION", "version") and "someone else" in result["message"]
    result = refused(demo_services, lambda: decide(member, muller.organisation_id, "5.2"))
    assert result["field"] == "version"
    approved = mutate(manager, "approveSoaVersion", "SoaVersionInput", version)["statement"]
    assert (approved["version"], approved["approvedVersion"], approved["status"]) == (3, 2, "draft")
    assert versions(member, muller.organisation_id)[1]["approvedBy"] == "Sophie Muller"
    result = refused(demo_services, lambda: mutate(manager, "approveSoaVersion", "SoaVersionInput", version))
    assert result["field"] == "version"
    later = decide(member, muller.organisation_id, "5.1", applicable=False, reasons=[], implementation=None)
    assert later["control"]["history"][-1]["version"] == 3


def test_a_rejection_sends_the_version_back_with_its_reason(client_for: ClientFor, muller: Muller) -> None:
    member, coach = client_for(MULLER_AUTHOR), client_for(ALPINE_COACH)
    version = {"organisationId": muller.organisation_id, "version": 2}
    mutate(member, "submitSoaVersion", "SoaVersionInput", version)
    rejected = mutate(coach, "rejectSoaVersion", "RejectSoaVersionInput", version | {"reason": "Justify 5.15."})
    assert rejected["statement"]["status"] == "draft"
    assert versions(member, muller.organisation_id)[0]["reason"] == "Justify 5.15."


def test_controls_are_listed_by_page_filtered_and_sorted(client_for: ClientFor, muller: Muller) -> None:
    coach = client_for(ALPINE_COACH)
    assert controls(coach, muller.organisation_id, group="physical")["totalCount"] == 14
    assert controls(coach, muller.organisation_id, decision="not_applicable")["totalCount"] == 2
    assert controls(coach, muller.organisation_id, decision="undecided")["totalCount"] == 0
    assert controls(coach, muller.organisation_id, implementation="implemented")["totalCount"] == 2
    assert [e["node"]["controlId"] for e in controls(coach, muller.organisation_id, search="CLOUD")["edges"]] == [
        "5.23"
    ]
    seen: list[str] = []
    after = None
    while True:
        page = controls(coach, muller.organisation_id, first=40, after=after, orderBy="STATUS")
        seen += [e["node"]["controlId"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 93
    assert seen[-2:] == ["5.1", "7.1"]  # implemented last


def test_bad_list_arguments_are_refused_by_name(client_for: ClientFor, muller: Muller) -> None:
    coach = client_for(ALPINE_COACH)
    for given, field in [({"group": "A.5"}, "group"), ({"decision": "maybe"}, "decision"),
                         ({"after": "nonsense"}, "after"), ({"first": 0}, "first"),
                         ({"implementation": "done"}, "implementation")]:  # fmt: skip
        answer = coach.execute(CONTROLS, {"o": muller.organisation_id, **given})
        assert answer["errors"][0]["extensions"]["field"] == field, given


def test_the_review_shows_what_may_be_missed(client_for: ClientFor, muller: Muller) -> None:
    review = client_for(MULLER_AUTHOR).data(REVIEW, {"o": muller.organisation_id})["r"]
    # 8.13 treats the demo's ransomware risk (the register's treatment chose it): it is not among them
    assert [c["controlId"] for c in review["applicableWithoutReason"]] == ["5.9", "5.15", "7.1"]
    assert len(review["undecided"]) == 0 and review["groupsWithNothingApplicable"] == []
    assert review["risksWithExcludedControls"] == [] and review["toReview"] == []


def test_starting_twice_or_on_an_unknown_catalogue_is_refused(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    member, kirchberg = client_for(MULLER_AUTHOR), client_for(KIRCHBERG_MEMBER)
    again = {"organisationId": muller.organisation_id, "catalogue": "iso27001-2022"}
    result = refused(demo_services, lambda: mutate(member, "startSoa", "StartSoaInput", again))
    assert (result["code"], result["field"]) == ("CONFLICT", "organisationId")
    unknown = {"organisationId": muller.kirchberg_id, "catalogue": "iso9001"}
    result = refused(demo_services, lambda: mutate(kirchberg, "startSoa", "StartSoaInput", unknown))
    assert (result["code"], result["field"]) == ("NOT_FOUND", "catalogue")
    too_long = {"organisationId": muller.kirchberg_id, "catalogue": "x" * 65}
    result = refused(demo_services, lambda: mutate(kirchberg, "startSoa", "StartSoaInput", too_long))
    assert (result["code"], result["field"]) == ("VALIDATION", "catalogue")


def test_a_statement_on_the_2005_edition_moves_to_2022_with_its_decisions_to_review(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    kirchberg = client_for(KIRCHBERG_MEMBER)
    own = muller.kirchberg_id
    assert statement(kirchberg, own)["__typename"] == "SoaNotStarted"
    started = mutate(kirchberg, "startSoa", "StartSoaInput", {"organisationId": own, "catalogue": "iso27001-2005"})
    assert started["statement"]["moveTargets"] == ["iso27001-2022"]
    decide(kirchberg, own, "A.5.1.1", reasons=["business"], justification="Board wants it.")
    decide(kirchberg, own, "A.9.1.1", applicable=False, reasons=[], implementation=None, justification="Remote only.")
    moved = mutate(kirchberg, "moveSoaToEdition", "MoveSoaInput", {"organisationId": own, "catalogue": "iso27001-2022"})
    assert (moved["statement"]["catalogueId"], moved["statement"]["grouping"]) == ("iso27001-2022", "theme")
    control = kirchberg.data(CONTROL, {"o": own, "c": "5.1"})["c"]
    assert control["toReview"] is True and control["justification"] == "A.5.1.1: Board wants it."
    review = kirchberg.data(REVIEW, {"o": own})["r"]
    assert [c["controlId"] for c in review["toReview"]] == ["5.1", "7.1"]
    confirmed = decide(kirchberg, own, "5.1", reasons=["business"], justification="Board wants it.")
    assert confirmed["control"]["toReview"] is False
    assert moved["statement"]["viewerCan"]["submit"] is False
    version = {"organisationId": own, "version": 1}
    result = refused(demo_services, lambda: mutate(kirchberg, "submitSoaVersion", "SoaVersionInput", version))
    assert (result["code"], result["field"]) == ("VALIDATION", "version")
    assert "undecided (5.2, 5.3, 5.4, 5.5, 5.6, …)" in result["message"] and "1 to review (7.1)" in result["message"]


def test_someone_who_decided_a_control_of_the_version_is_not_offered_its_approval(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    """The member decides in version 2 and the manager submits it: the member did not submit, yet may not approve,
    and the button says so; the coach, who decided nothing, may."""
    member, manager, coach = client_for(MULLER_AUTHOR), client_for(MULLER_MANAGER), client_for(ALPINE_COACH)
    decide(member, muller.organisation_id, "7.4", reasons=["risk_treatment"])
    version = {"organisationId": muller.organisation_id, "version": 2}
    mutate(manager, "submitSoaVersion", "SoaVersionInput", version)
    assert versions(member, muller.organisation_id, status="SUBMITTED")[0]["viewerCan"]["approve"] is False
    assert versions(manager, muller.organisation_id, status="SUBMITTED")[0]["viewerCan"]["approve"] is False
    assert versions(coach, muller.organisation_id, status="SUBMITTED")[0]["viewerCan"]["approve"] is True
    result = refused(demo_services, lambda: mutate(member, "approveSoaVersion", "SoaVersionInput", version))
    assert result["field"] == "version" and "decided a control of this version" in result["message"]
    assert mutate(coach, "approveSoaVersion", "SoaVersionInput", version)["statement"]["approvedVersion"] == 2


def test_versions_are_listed_by_page_newest_first_and_by_status(client_for: ClientFor, muller: Muller) -> None:
    member, manager = client_for(MULLER_AUTHOR), client_for(MULLER_MANAGER)
    version = {"organisationId": muller.organisation_id, "version": 2}
    mutate(member, "submitSoaVersion", "SoaVersionInput", version)
    mutate(manager, "approveSoaVersion", "SoaVersionInput", version)
    assert [v["number"] for v in versions(member, muller.organisation_id)] == [3, 2, 1]
    assert [v["number"] for v in versions(member, muller.organisation_id, orderBy="OLDEST")] == [1, 2, 3]
    assert [v["number"] for v in versions(member, muller.organisation_id, status="APPROVED")] == [2, 1]
    seen, after = [], None
    while True:
        page = member.data(VERSIONS, {"o": muller.organisation_id, "first": 1, "after": after})["soaVersions"]
        assert page["totalCount"] == 3
        seen += [e["node"]["number"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == [3, 2, 1]
    oldest_cursor = member.data(VERSIONS, {"o": muller.organisation_id, "first": 1, "orderBy": "OLDEST"})
    for given, field in [({"after": "nonsense"}, "after"), ({"first": 0}, "first"),
                         ({"after": oldest_cursor["soaVersions"]["pageInfo"]["endCursor"]}, "after")]:  # fmt: skip
        answer = member.execute(VERSIONS, {"o": muller.organisation_id, **given})
        assert answer["errors"][0]["extensions"]["field"] == field, given
    assert member.execute(VERSIONS, {"o": muller.organisation_id, "status": "LOST"})["errors"]
    outsider = client_for(KIRCHBERG_MEMBER).execute(VERSIONS, {"o": muller.organisation_id})
    assert outsider["errors"][0]["extensions"]["field"] == "organisationId"
