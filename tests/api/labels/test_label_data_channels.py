"""The labels' data reaches nobody through the product's other channels: an organisation's auditor's bundle holds no
event of a label (a mission attested for a professional, a link to one), a professional link's trail is the
consultancy's admins' alone, the labels' reads answer the present only (`asOf` is no argument of theirs), and the
account page offers a labelling body's staff and a professional no page that is not theirs."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

from backend.services import Services
from domain.labels.links import link_id
from domain.tenancy.account import Role, account_id
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH
from tests.api.evidence.support import export
from tests.api.labels.test_professional_links import REGISTRAR, SOPHIE, open_account
from tests.api.programme_support import demo_cluster
from tests.api.test_isolation_same_tenant import ALPINE_MEMBER
from tests.support.graphql_client import GraphQLClient

ITEM_TRAIL = """query($id: ID!) { r: itemTrail(id: $id) { __typename
    ... on TrailEventConnection { edges { node { eventName summary } } } ... on UserError { code } } }"""


def test_an_organisation_s_bundle_holds_no_event_of_a_label(client_for: Callable[[str], GraphQLClient]) -> None:
    """The demo's Alpine attested Sophie's mission with the Boulangerie Muller: the bundle its member downloads names
    the member's own events, and no mission, link or professional."""
    admin = client_for(ALPINE_ADMIN)
    muller = demo_cluster(admin)["member_ids"]["Boulangerie Muller"]
    exported = export(admin, muller)
    assert exported["__typename"] == "AuditBundleChange", exported
    zipped = client_for(ALPINE_MEMBER).http.get(exported["bundle"]["downloadUrl"])
    assert zipped.status_code == 200
    with zipfile.ZipFile(io.BytesIO(zipped.content)) as bundle:
        events = [json.loads(line) for line in bundle.read("events.jsonl").decode().splitlines() if line]
    topics = {str(event.get("topic", "")) for event in events}
    assert topics and not {topic for topic in topics if topic.startswith("domain.labels.")}
    assert all("professional_id" not in str(event) for event in events)
    assert "sophie@pro.example" not in zipped.content.decode("latin-1")


def test_a_professional_link_s_trail_is_the_consultancy_s_admins_alone(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    """A link's id is worked out from its coach and an e-mail address: its trail (the professional's address, whoever
    ended it) is read by the consultancy's admins, never by its members, its auditors or another coach."""
    alpine = consultancy_id("alpine")
    link = str(link_id(alpine, account_id(ALPINE_COACH), SOPHIE))
    events = client_for(ALPINE_ADMIN).data(ITEM_TRAIL, {"id": link})["r"]["edges"]
    assert "Requested" in {edge["node"]["eventName"] for edge in events}
    open_account(demo_services, alpine, "colin@alpine.example", "Colin Coach", Role.COACH)
    for email in (ALPINE_MEMBER, "colin@alpine.example", ALPINE_COACH):
        client = client_for(email)
        assert client.data(ITEM_TRAIL, {"id": link})["r"] == {"__typename": "NotFoundError", "code": "NOT_FOUND"}
        page = client.http.get(f"/trail/items/{link}").text
        assert SOPHIE not in page, email
    consultancy_trail = client_for(ALPINE_MEMBER).http.get("/trail").text
    assert SOPHIE not in consultancy_trail


def test_the_labels_reads_answer_the_present_only_and_refuse_a_moment_naming_as_of(
    client_for: Callable[[str], GraphQLClient],
) -> None:
    sophie = client_for(SOPHIE)
    now = """{ r: labelCredentials { __typename } }"""
    assert sophie.data(now)["r"]["__typename"] == "LabelCredentialList"
    past = sophie.execute("""{ r: labelCredentials(asOf: "2026-03-01T00:00:00") { __typename } }""")
    assert past.get("data") is None
    [error] = past["errors"]
    assert error["message"] == "Unknown argument 'asOf' on field 'Query.labelCredentials'.", error


def test_the_account_page_offers_the_realm_s_people_no_page_that_is_not_theirs(
    client_for: Callable[[str], GraphQLClient],
) -> None:
    for email in (SOPHIE, REGISTRAR):
        client = client_for(email).http
        account = client.get("/account")
        assert account.status_code == 200, email
        assert 'href="/access"' not in account.text and 'href="/account/api-tokens"' not in account.text, email
        assert client.get("/account/api-tokens").status_code == 404, email
    admin = client_for(ALPINE_ADMIN).http.get("/account").text
    assert 'href="/access"' in admin and 'href="/account/api-tokens"' in admin
