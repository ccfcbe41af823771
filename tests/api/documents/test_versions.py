"""A document's versions through the API: drafted, submitted, approved by someone other than the author with the
text's hash, published, acknowledged, rejected and withdrawn with reasons; every refusal names its field and writes
nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from backend.services import Services
from domain.documents.skeletons import skeleton
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.documents.conftest import Muller
from tests.api.documents.support import MULLER_AUTHOR, MULLER_MANAGER, document, documents, mutate
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]


def refused(
    services: Services, client: GraphQLClient, name: str, input_type: str, given: dict[str, Any]
) -> dict[str, Any]:
    """The mutation's refusal; it wrote no event."""
    before = events_in_log(services)
    result = mutate(client, name, input_type, given)
    assert "code" in result, result
    assert events_in_log(services) == before
    return result


def version(policy: dict[str, Any], number: int) -> dict[str, Any]:
    found: dict[str, Any] = next(v for v in policy["versions"] if v["number"] == number)
    return found


def approve(client: GraphQLClient, policy_id: str, review_on: str = "2027-06-30") -> dict[str, Any]:
    given = {"documentId": policy_id, "version": 1, "reviewOn": review_on}
    return mutate(client, "approveVersion", "ApproveVersionInput", given)


def test_the_demo_policy_starts_from_the_skeleton_and_waits_for_approval(client_for: ClientFor, muller: Muller) -> None:
    policy = document(client_for(MULLER_AUTHOR), muller.policy_id)
    assert (policy["kind"], policy["title"], policy["status"]) == ("policy", "Information security policy", "submitted")
    assert version(policy, 1)["text"] == skeleton("s", "information-security-policy")[2].strip()
    assert version(policy, 1)["author"] == "Marc Muller"
    assert [h["action"] for h in policy["history"]] == ["drafted", "submitted"]


def test_the_author_cannot_approve_a_version_and_nothing_is_written(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    author = client_for(MULLER_AUTHOR)
    assert version(document(author, muller.policy_id), 1)["viewerCan"]["approve"] is False
    given = {"documentId": muller.policy_id, "version": 1, "reviewOn": "2027-06-30"}
    result = refused(demo_services, author, "approveVersion", "ApproveVersionInput", given)
    assert (result["code"], result["field"]) == ("VALIDATION", "version")
    assert "someone else" in result["message"]


def test_another_person_approves_the_hash_of_the_text_is_recorded_and_shown(
    client_for: ClientFor, muller: Muller
) -> None:
    manager = client_for(MULLER_MANAGER)
    assert version(document(manager, muller.policy_id), 1)["viewerCan"]["approve"] is True
    result = approve(manager, muller.policy_id)
    assert result["__typename"] == "DocumentChange", result
    approved = version(result["document"], 1)
    expected = hashlib.sha256(approved["text"].encode("utf-8")).hexdigest()
    assert approved["contentHash"] == expected
    assert (approved["status"], approved["approvedBy"], approved["reviewOn"]) == (
        "approved",
        "Sophie Muller",
        "2027-06-30",
    )
    assert result["document"]["history"][-1]["detail"] == f"SHA-256 {expected}; review by 2027-06-30"
    revise = {"documentId": muller.policy_id, "version": 1, "text": "Another text"}
    assert mutate(manager, "reviseDraft", "ReviseDraftInput", revise)["field"] == "version"
    assert version(document(manager, muller.policy_id), 1)["contentHash"] == expected  # stable


@pytest.mark.parametrize(
    ("review_on", "why"), [("2027-01-04", "today"), ("2026-12-01", "past"), ("2030-01-05", "beyond three years")]
)
def test_a_review_date_out_of_bounds_is_refused_by_field(
    demo_services: Services, client_for: ClientFor, muller: Muller, review_on: str, why: str
) -> None:
    given = {"documentId": muller.policy_id, "version": 1, "reviewOn": review_on}
    result = refused(demo_services, client_for(MULLER_MANAGER), "approveVersion", "ApproveVersionInput", given)
    assert (result["code"], result["field"]) == ("VALIDATION", "reviewOn"), why


def test_publishing_asks_for_acknowledgement_and_lists_who_has_not(client_for: ClientFor, muller: Muller) -> None:
    author, manager = client_for(MULLER_AUTHOR), client_for(MULLER_MANAGER)
    unapproved = {"documentId": muller.policy_id, "version": 1, "requiresAcknowledgement": True}
    assert mutate(manager, "publishVersion", "PublishVersionInput", unapproved)["field"] == "version"
    approve(manager, muller.policy_id)
    published = mutate(manager, "publishVersion", "PublishVersionInput", unapproved)["document"]
    assert (published["status"], published["publishedVersion"], published["reviewOn"]) == ("published", 1, "2027-06-30")
    assert version(published, 1)["notAcknowledged"] == [
        "Jonas Muller",
        "Lea Muller",
        "Marc Muller",
        "Paul Muller",
        "Sophie Muller",
    ]
    ack = {"documentId": muller.policy_id, "version": 1}
    acknowledged = mutate(author, "acknowledgeVersion", "VersionInput", ack)["document"]
    assert [a["name"] for a in version(acknowledged, 1)["acknowledgements"]] == ["Marc Muller"]
    assert version(acknowledged, 1)["notAcknowledged"] == ["Jonas Muller", "Lea Muller", "Paul Muller", "Sophie Muller"]
    again = mutate(author, "acknowledgeVersion", "VersionInput", ack)
    assert (again["code"], again["field"]) == ("VALIDATION", "version")
    assert version(document(author, muller.policy_id), 1)["viewerCan"]["acknowledge"] is False
    assert version(document(manager, muller.policy_id), 1)["viewerCan"]["acknowledge"] is True


def test_a_version_not_asking_for_acknowledgement_is_not_acknowledged(client_for: ClientFor, muller: Muller) -> None:
    manager = client_for(MULLER_MANAGER)
    approve(manager, muller.policy_id)
    given = {"documentId": muller.policy_id, "version": 1, "requiresAcknowledgement": False}
    mutate(manager, "publishVersion", "PublishVersionInput", given)
    result = mutate(
        client_for(MULLER_AUTHOR), "acknowledgeVersion", "VersionInput", {"documentId": muller.policy_id, "version": 1}
    )
    assert (result["code"], result["field"]) == ("VALIDATION", "version")


def test_rejection_and_withdrawal_are_corrections_with_their_reasons(
    demo_services: Services, client_for: ClientFor, muller: Muller
) -> None:
    author, manager = client_for(MULLER_AUTHOR), client_for(MULLER_MANAGER)
    blank = {"documentId": muller.policy_id, "version": 1, "reason": "  "}
    assert refused(demo_services, manager, "rejectVersion", "VersionReasonInput", blank)["field"] == "reason"
    rejected = mutate(manager, "rejectVersion", "VersionReasonInput", blank | {"reason": "Name the CISO."})
    assert version(rejected["document"], 1)["status"] == "draft"
    assert version(rejected["document"], 1)["reason"] == "Name the CISO."
    revised = {"documentId": muller.policy_id, "version": 1, "text": "Marc Muller is the CISO."}
    assert mutate(author, "reviseDraft", "ReviseDraftInput", revised)["__typename"] == "DocumentChange"
    mutate(author, "submitVersion", "VersionInput", {"documentId": muller.policy_id, "version": 1})
    approve(manager, muller.policy_id)
    mutate(manager, "publishVersion", "PublishVersionInput", {"documentId": muller.policy_id, "version": 1})
    withdrawn = mutate(
        manager, "withdrawVersion", "VersionReasonInput", blank | {"reason": "The group's policy applies."}
    )
    policy = withdrawn["document"]
    assert (policy["status"], policy["publishedVersion"], version(policy, 1)["reason"]) == (
        "withdrawn",
        None,
        "The group's policy applies.",
    )
    actions = [(h["action"], h["detail"], h["actedBy"]) for h in policy["history"]]
    assert ("rejected", "Name the CISO.", "Sophie Muller") in actions
    assert ("withdrawn", "The group's policy applies.", "Sophie Muller") in actions


def test_a_second_version_supersedes_the_first_once_published(client_for: ClientFor, muller: Muller) -> None:
    author, manager = client_for(MULLER_AUTHOR), client_for(MULLER_MANAGER)
    approve(manager, muller.policy_id)
    mutate(manager, "publishVersion", "PublishVersionInput", {"documentId": muller.policy_id, "version": 1})
    drafted = mutate(author, "draftVersion", "DraftVersionInput", {"documentId": muller.policy_id, "text": "Version 2"})
    assert drafted["document"]["latestVersion"] == 2
    twice = mutate(author, "draftVersion", "DraftVersionInput", {"documentId": muller.policy_id, "text": "Version 3"})
    assert (twice["code"], twice["field"]) == ("VALIDATION", "documentId")
    mutate(author, "submitVersion", "VersionInput", {"documentId": muller.policy_id, "version": 2})
    mutate(
        manager,
        "approveVersion",
        "ApproveVersionInput",
        {"documentId": muller.policy_id, "version": 2, "reviewOn": "2028-01-04"},
    )
    published = mutate(manager, "publishVersion", "PublishVersionInput", {"documentId": muller.policy_id, "version": 2})
    policy = published["document"]
    assert [(v["number"], v["status"]) for v in policy["versions"]] == [(2, "published"), (1, "superseded")]
    assert version(policy, 1)["text"] != version(policy, 2)["text"]
    assert policy["reviewOn"] == "2028-01-04"


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"kind": "memo", "title": "Access", "owner": "CISO", "text": "Rules"}, "kind"),
        ({"kind": "policy", "title": " ", "owner": "CISO", "text": "Rules"}, "title"),
        ({"kind": "policy", "title": "Access", "owner": "", "text": "Rules"}, "owner"),
        ({"kind": "policy", "title": "Access", "owner": "CISO", "text": ""}, "text"),
        ({"kind": "policy", "title": "A\nB", "owner": "CISO", "text": "Rules"}, "title"),
        ({"kind": "policy", "title": "Access", "owner": "CISO", "text": "x" * 50_001}, "text"),
        ({"owner": "CISO", "skeleton": "../../etc/passwd"}, "skeleton"),
        (
            {"kind": "policy", "title": "Access", "owner": "CISO", "text": "Rules", "organisationId": "nope"},
            "organisationId",
        ),
    ],
)
def test_a_new_document_with_bad_input_is_refused_by_field(
    demo_services: Services, client_for: ClientFor, muller: Muller, given: dict[str, Any], field: str
) -> None:
    result = refused(
        demo_services, client_for(MULLER_AUTHOR), "createDocument", "CreateDocumentInput",
        {"organisationId": muller.organisation_id} | given,
    )  # fmt: skip
    assert result["field"] == field


@pytest.mark.parametrize(
    ("name", "input_type", "extra"),
    [
        ("submitVersion", "VersionInput", {}),
        ("reviseDraft", "ReviseDraftInput", {"text": "New"}),
        ("publishVersion", "PublishVersionInput", {}),
        ("withdrawVersion", "VersionReasonInput", {"reason": "Why"}),
        ("acknowledgeVersion", "VersionInput", {}),
        ("rejectVersion", "VersionReasonInput", {"reason": "Why"}),
        ("approveVersion", "ApproveVersionInput", {"reviewOn": "2027-06-30"}),
    ],
)
def test_a_step_on_a_version_that_does_not_exist_or_a_malformed_id_is_refused_by_field(
    demo_services: Services, client_for: ClientFor, muller: Muller, name: str, input_type: str, extra: dict[str, Any]
) -> None:
    manager = client_for(MULLER_MANAGER)
    missing = refused(demo_services, manager, name, input_type, {"documentId": muller.policy_id, "version": 9} | extra)
    assert (missing["code"], missing["field"]) == ("VALIDATION", "version")
    malformed = refused(demo_services, manager, name, input_type, {"documentId": "nope", "version": 1} | extra)
    assert (malformed["code"], malformed["field"]) == ("VALIDATION", "documentId")


def test_a_new_document_from_the_skeleton_and_the_list_filtered_and_sorted(
    client_for: ClientFor, muller: Muller, days_pass: Callable[[date], None]
) -> None:
    author, manager = client_for(MULLER_AUTHOR), client_for(MULLER_MANAGER)
    created = mutate(
        author, "createDocument", "CreateDocumentInput",
        {"organisationId": muller.organisation_id, "kind": "procedure", "title": "Backups", "owner": "IT", "text": "Nightly."},
    )["document"]  # fmt: skip
    assert (created["kind"], created["status"], version(created, 1)["status"]) == ("procedure", "draft", "draft")
    approve(manager, muller.policy_id, "2027-02-01")
    mutate(manager, "publishVersion", "PublishVersionInput", {"documentId": muller.policy_id, "version": 1})
    assert [d["title"] for d in documents(author, muller.organisation_id)] == ["Backups", "Information security policy"]
    assert [d["title"] for d in documents(author, muller.organisation_id, orderBy="review")] == [
        "Information security policy",
        "Backups",
    ]
    assert [d["title"] for d in documents(author, muller.organisation_id, filter={"kind": "procedure"})] == ["Backups"]
    assert [d["title"] for d in documents(author, muller.organisation_id, filter={"status": "published"})] == [
        "Information security policy"
    ]
    assert documents(author, muller.organisation_id, filter={"reviewOverdue": True}) == []
    days_pass(date(2027, 2, 2))
    [overdue] = documents(author, muller.organisation_id, filter={"reviewOverdue": True})
    assert (overdue["title"], overdue["reviewOverdue"]) == ("Information security policy", True)


def test_the_list_pages_with_keyset_cursors(client_for: ClientFor, muller: Muller) -> None:
    author = client_for(MULLER_AUTHOR)
    for title in ("Access control", "Backups", "Clean desk"):
        given = {
            "organisationId": muller.organisation_id,
            "kind": "procedure",
            "title": title,
            "owner": "IT",
            "text": ".",
        }
        mutate(author, "createDocument", "CreateDocumentInput", given)
    for order in ("title", "review"):
        seen, after = [], None
        while True:
            page = author.data(
                "query($o: ID!, $a: String, $s: String!) { documents(organisationId: $o, first: 2, after: $a, orderBy: $s) "
                "{ edges { node { title } } pageInfo { hasNextPage endCursor } } }",
                {"o": muller.organisation_id, "a": after, "s": order},
            )["documents"]
            seen += [e["node"]["title"] for e in page["edges"]]
            if not page["pageInfo"]["hasNextPage"]:
                break
            after = page["pageInfo"]["endCursor"]
        assert sorted(seen) == ["Access control", "Backups", "Clean desk", "Information security policy"], order


@pytest.mark.parametrize(
    ("variables", "field"),
    [
        ({"filter": {"kind": "memo"}}, "filter.kind"),
        ({"filter": {"status": "lost"}}, "filter.status"),
        ({"orderBy": "owner"}, "orderBy"),
        ({"first": 0}, "first"),
        ({"after": "not-a-cursor"}, "after"),
        ({"organisationId": "nope"}, "organisationId"),
    ],
)
def test_the_list_with_bad_arguments_is_refused_by_field(
    client_for: ClientFor, muller: Muller, variables: dict[str, Any], field: str
) -> None:
    from tests.api.documents.support import DOCUMENTS

    body = client_for(MULLER_AUTHOR).execute(DOCUMENTS, {"organisationId": muller.organisation_id} | variables)
    assert body["errors"][0]["extensions"]["field"] == field


def test_the_coach_and_the_admin_read_and_review_but_do_not_approve(client_for: ClientFor, muller: Muller) -> None:
    for email in (ALPINE_COACH, ALPINE_ADMIN):
        reader = client_for(email)
        policy = document(reader, muller.policy_id)
        assert policy["title"] == "Information security policy"
        assert not any(version(policy, 1)["viewerCan"].values())
        assert policy["viewerCan"] == {"draftVersion": False, "attach": False}
        result = approve(reader, muller.policy_id)
        assert result["code"] == "FORBIDDEN", email
