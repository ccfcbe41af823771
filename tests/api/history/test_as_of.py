"""Any register as of any past moment: what Cordee knew then, replayed from the events recorded up to it, through the
same visibility filter; one moment per operation, no moment to come, and history is read-only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import anyio
import pytest

from backend.auth.principal import Principal
from backend.graphql.core.context import Context
from backend.graphql.schema import build_schema
from backend.services import Services
from domain.organisations.organisation import organisation_id as domain_organisation_id
from domain.tenancy.account import Role, account_id
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.history.conftest import a_second_passes
from tests.api.page_support import MEMBER, ClientFor

ASSETS = """query($org: ID!, $at: DateTime) { assets(organisationId: $org, first: 50, asOf: $at) {
    totalCount edges { node { id name owner viewerCan { change } } } } }"""
ASSET = """query($id: ID!, $at: DateTime) { asset(id: $id, asOf: $at) { __typename
    ... on Asset { name owner } ... on UserError { code field message } } }"""


def names(client: Any, organisation: str, at: datetime | None) -> dict[str, str]:
    variables = {"org": organisation, "at": at.isoformat() if at else None}
    edges = client.data(ASSETS, variables)["assets"]["edges"]
    return {edge["node"]["name"]: edge["node"]["owner"] for edge in edges}


def test_a_register_as_of_a_past_moment_answers_what_was_recorded_then(
    client_for: ClientFor, story: dict[str, Any], demo_services: Services
) -> None:
    member = client_for(MEMBER)
    then = names(member, story["muller"], story["before"])
    today = names(member, story["muller"], None)
    assert then["Cellar sensor hub"] == "IT lead" and "Loyalty app" not in then
    assert today["Cellar sensor hub"] == "Marc Muller" and "Loyalty app" in today
    assert names(member, story["muller"], story["after"]) == today
    one = member.data(ASSET, {"id": story["server"], "at": story["before"].isoformat()})["asset"]
    assert one == {"__typename": "Asset", "name": "Cellar sensor hub", "owner": "IT lead"}


def test_an_answer_as_of_a_moment_is_built_once_and_then_cached(
    client_for: ClientFor, story: dict[str, Any], demo_services: Services
) -> None:
    assert demo_services.history is not None
    member = client_for(MEMBER)
    names(member, story["muller"], story["before"])
    built = demo_services.history.builds
    names(member, story["muller"], story["before"])
    names(client_for(ALPINE_ADMIN), story["muller"], story["before"])
    assert demo_services.history.builds == built


def test_history_is_read_only(client_for: ClientFor, story: dict[str, Any], demo_services: Services) -> None:
    member = client_for(MEMBER)
    edges = member.data(ASSETS, {"org": story["muller"], "at": story["before"].isoformat()})["assets"]["edges"]
    assert edges and not any(edge["node"]["viewerCan"]["change"] for edge in edges)
    before = events_in_log(demo_services)
    asking = (
        """mutation($input: RetireAssetInput!) { r: retireAsset(input: $input, asOf: "2026-01-01") { __typename } }"""
    )
    errors = member.execute(asking, {"input": {"assetId": story["server"], "reason": "Sold"}})["errors"]
    assert "asOf" in errors[0]["message"], "a mutation takes no asOf"
    assert events_in_log(demo_services) == before


@pytest.mark.parametrize(
    ("document", "variables", "message"),
    [
        (
            'query($org: ID!) { a: assets(organisationId: $org, asOf: "2026-01-01T00:00:00Z") { totalCount }'
            ' b: assets(organisationId: $org, asOf: "2026-01-02T00:00:00Z") { totalCount } }',
            {},
            "Give one asOf moment",
        ),
        (
            'query($org: ID!) { a: assets(organisationId: $org, asOf: "2026-01-01T00:00:00Z") { totalCount }'
            " viewer { id } }",
            {},
            "Give asOf to every field",
        ),
        (
            "query($org: ID!, $at: DateTime) { assets(organisationId: $org, asOf: $at) { totalCount } }",
            {"at": "2999-01-01T00:00:00Z"},
            "still to come",
        ),
        (
            "query($org: ID!, $at: DateTime) { assets(organisationId: $org, asOf: $at) { totalCount } }",
            {"at": "yesterday"},
            "ISO 8601",
        ),
    ],
)
def test_a_bad_moment_is_refused_naming_as_of(
    client_for: ClientFor, story: dict[str, Any], document: str, variables: dict[str, Any], message: str
) -> None:
    errors = client_for(MEMBER).execute(document, {"org": story["muller"]} | variables)["errors"]
    assert errors[0]["extensions"] == {"code": "VALIDATION", "field": "asOf"}
    assert message in errors[0]["message"]


def test_a_moment_before_the_first_event_answers_nothing(client_for: ClientFor, story: dict[str, Any]) -> None:
    long_ago = datetime(2001, 1, 1, tzinfo=UTC).isoformat()
    admin = client_for(ALPINE_ADMIN)
    assert admin.data("query($at: DateTime) { organisations(asOf: $at) { id } }", {"at": long_ago}) == {
        "organisations": []
    }
    refused = admin.execute(ASSETS, {"org": story["muller"], "at": long_ago})["errors"][0]
    assert refused["extensions"] == {"code": "VALIDATION", "field": "organisationId"}


def test_history_shows_an_outsider_nothing_more_than_today(
    client_for: ClientFor, story: dict[str, Any], outsiders: tuple[str, ...]
) -> None:
    later = a_second_passes()
    for outsider in outsiders:
        client = client_for(outsider)
        today = _answers(client, story, None)
        assert "Cellar sensor hub" not in str(today) and today[1]["asset"]["__typename"] == "NotFoundError"
        for at in (story["before"], story["after"], later):
            assert _answers(client, story, at) == today, (outsider, at)
    assert names(client_for(ALPINE_COACH), story["muller"], later)["Cellar sensor hub"] == "Marc Muller"


def _answers(client: Any, story: dict[str, Any], at: datetime | None) -> tuple[Any, Any]:
    """The register's list (data or refusal, without where the refusal points) and the asset, as of `at`."""
    moment = at.isoformat() if at else None
    listed = client.execute(ASSETS, {"org": story["muller"], "at": moment})
    refusals = [(e["message"], e["extensions"]) for e in listed.get("errors", [])]
    return (listed.get("data"), refusals), client.data(ASSET, {"id": story["server"], "at": moment})


def test_an_operation_reading_the_past_runs_no_mutation(demo_services: Services, story: dict[str, Any]) -> None:
    """A page reading the past sets the moment on the context: a mutation then is refused before it runs."""
    tenant = consultancy_id("alpine")
    muller = domain_organisation_id(tenant, "Boulangerie Muller")
    member = Principal(account_id(MEMBER), tenant, "Marc Muller", MEMBER, frozenset({Role.MEMBER}), "csrf", muller)
    context = Context(demo_services, member, "request-1")
    context.as_of = story["before"]
    before = events_in_log(demo_services)
    document = "mutation($input: RetireAssetInput!) { r: retireAsset(input: $input) { __typename } }"
    variables = {"input": {"assetId": story["server"], "reason": "Sold"}}
    result = anyio.run(lambda: build_schema().execute(document, variable_values=variables, context_value=context))
    assert result.errors and result.errors[0].extensions == {"code": "VALIDATION", "field": "asOf"}
    assert "read-only" in result.errors[0].message and events_in_log(demo_services) == before


def test_the_programme_answers_as_of_a_moment_too(client_for: ClientFor, story: dict[str, Any]) -> None:
    coach = client_for(ALPINE_COACH)
    clusters = (
        "query($at: DateTime) { clusters(asOf: $at) { edges { node { name members { organisation { name } } } } } }"
    )
    today = coach.data(clusters, {"at": None})
    assert coach.data(clusters, {"at": story["after"].isoformat()}) == today and today["clusters"]["edges"]
    assert coach.data(clusters, {"at": "2001-01-01T00:00:00Z"}) == {"clusters": {"edges": []}}


def test_what_is_due_or_overdue_is_judged_on_the_moments_day(demo_services: Services) -> None:
    """Resolvers judge "overdue", "breached" and "due" on `services.app.today()`: as of a moment, that is its day."""
    moment = datetime(2026, 11, 3, 23, 30, tzinfo=UTC)
    then = demo_services.as_of(consultancy_id("alpine"), moment)
    assert then.app.today() == moment.date() != demo_services.app.today()
    assert then.app.recorder is demo_services.app.recorder  # everything else is the application's own
