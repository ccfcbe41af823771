"""Input that does not fit the schema is answered VALIDATION naming the field, never a masked crash.

The sweep is driven by the schema: every argument of every mutation, down to nested input fields and list items,
gets wrong-typed and impossible values, as a variable and as a literal in the document.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from graphql import (
    GraphQLArgument,
    GraphQLInputType,
    GraphQLNamedType,
    Lexer,
    Source,
    TokenKind,
    get_named_type,
    is_enum_type,
    is_input_object_type,
    is_list_type,
    is_non_null_type,
    is_required_input_field,
)
from starlette.testclient import TestClient

from backend.app import create_app
from backend.graphql.schema import build_schema
from backend.services import Services
from backend.settings import Settings
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.support.graphql_client import GraphQLClient
from tests.support.schema_values import good_value

ClientFor = Callable[[str], GraphQLClient]

BAD: dict[str, list[Any]] = {
    "Date": ["2026-02-30", "0000-01-01", "x", 20260310],
    "DateTime": ["2026-02-30T09:30:00+01:00", "x", 20260310],
    "Int": [10**12, 1.5, "3"],
    "Float": ["x", False],
    "Boolean": ["yes", 1],
    "String": [{"a": 1}, 5],
    "ID": [{"a": 1}, 1.5],
}
UNKNOWN = "notAField"


def faults(value: Any, type_: GraphQLInputType, path: str) -> Iterator[tuple[str, Any]]:
    """(field path, whole value with one fault at that path) for every field under `type_`."""
    inner = type_.of_type if is_non_null_type(type_) else type_  # type: ignore[attr-defined]
    if is_non_null_type(type_):
        yield path, None
    if is_list_type(inner):
        for item_path, item in faults(value[0], inner.of_type, f"{path}.0"):  # type: ignore[attr-defined]
            yield item_path, [item]
        return
    named: GraphQLNamedType = get_named_type(type_)
    if not is_input_object_type(named):
        bad = ["NOT_A_VALUE", 3] if is_enum_type(named) else BAD[named.name]
        yield from ((path, fault) for fault in bad)
        return
    yield path, "not an object"
    yield f"{path}.{UNKNOWN}", {**value, UNKNOWN: 1}
    for name, field in named.fields.items():  # type: ignore[attr-defined]
        if is_required_input_field(field):
            yield f"{path}.{name}", {key: v for key, v in value.items() if key != name}
        for field_path, fault in faults(value[name], field.type, f"{path}.{name}"):
            yield field_path, {**value, name: fault}


def literal(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {literal(v)}" for key, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    return "null" if value is None else json.dumps(value)


def mutation_arguments() -> Iterator[tuple[str, str, GraphQLArgument]]:
    mutation = build_schema()._schema.mutation_type
    assert mutation is not None
    for field_name, field in mutation.fields.items():
        for argument_name, argument in field.args.items():
            yield field_name, argument_name, argument


def field_of(body: dict[str, Any]) -> list[tuple[str | None, str | None]]:
    return [((e.get("extensions") or {}).get("code"), (e.get("extensions") or {}).get("field")) for e in body["errors"]]


Case = tuple[str, str, GraphQLArgument, str, Any]
"""A mutation, one of its arguments and that argument's definition, the path of one fault, the faulty value."""

PER_REQUEST = 20
"""Cases sent in one document, each under its own alias and on its own line (the server allows 30 aliases)."""
TOKENS_PER_REQUEST = 2000
"""Within the server's 3,000 tokens per document, with room for the document's frame."""


def coercion_cases() -> list[Case]:
    return [
        (field_name, argument_name, argument, path, value)
        for field_name, argument_name, argument in mutation_arguments()
        for path, value in faults(good_value(argument.type), argument.type, argument_name)
    ]


def case_line(form: str, index: int, case: Case) -> str:
    field_name, argument_name, _, _, value = case
    given = f"$v{index}" if form == "variable" else literal(value)
    return f"r{index}: {field_name}({argument_name}: {given}) {{ __typename }}"


def tokens(text: str) -> int:
    lexer, count = Lexer(Source(text)), 0
    while lexer.advance().kind != TokenKind.EOF:
        count += 1
    return count


def batches(form: str, cases: list[Case]) -> Iterator[list[Case]]:
    """The cases in order, in groups small enough for one document each."""
    batch: list[Case] = []
    used = 0
    for case in cases:
        cost = tokens(case_line(form, PER_REQUEST, case)) + (6 if form == "variable" else 0)
        if batch and (len(batch) == PER_REQUEST or used + cost > TOKENS_PER_REQUEST):
            yield batch
            batch, used = [], 0
        batch.append(case)
        used += cost
    if batch:
        yield batch


def request_of(form: str, batch: list[Case]) -> tuple[str, dict[str, Any]]:
    """One document asking every case of `batch`: case i's variable definition (as a variable) or its field (as a
    literal) is alone on line i + 2, so each error the server reports is traced to its case by its location."""
    selections = "\n".join(case_line(form, index, case) for index, case in enumerate(batch))
    if form == "literal":
        return f"mutation {{\n{selections}\n}}", {}
    definitions = "\n".join(f"$v{index}: {case[2].type}" for index, case in enumerate(batch))
    document = f"mutation (\n{definitions}\n) {{\n{selections}\n}}"
    return document, {f"v{index}": case[4] for index, case in enumerate(batch)}


def errors_by_line(body: dict[str, Any]) -> dict[int, list[tuple[str | None, str | None]]]:
    found: dict[int, list[tuple[str | None, str | None]]] = {}
    for error, named in zip(body.get("errors") or [], field_of(body) if body.get("errors") else [], strict=True):
        for location in error.get("locations") or []:
            found.setdefault(location["line"], []).append(named)
    return found


@pytest.mark.parametrize("form", ["variable", "literal"])
def test_every_coercion_fault_of_every_mutation_input_is_validation_naming_the_field(
    client_for: ClientFor, demo_services: Services, caplog: pytest.LogCaptureFixture, form: str
) -> None:
    """Each fault must be answered VALIDATION naming its own path, at its own line, and nothing may run."""
    admin = client_for(ALPINE_ADMIN)
    before = events_in_log(demo_services)
    unexplained = []
    cases = coercion_cases()
    with caplog.at_level(logging.INFO):
        for batch in batches(form, cases):
            document, variables = request_of(form, batch)
            body = admin.execute(document, variables)
            at_line = errors_by_line(body)
            for index, (field_name, _, _, path, value) in enumerate(batch):
                if body.get("data") is not None or ("VALIDATION", path) not in at_line.get(index + 2, []):
                    unexplained.append((field_name, path, value, body))
    assert len(cases) > 3000  # every mutation's every argument, as the schema has them
    assert unexplained == [], unexplained[:5]
    assert events_in_log(demo_services) == before
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert not [r for r in caplog.records if r.exc_info]


def test_a_date_that_does_not_exist_is_refused_with_a_clear_message(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    document = "mutation($input: LogCoachingHalfDayInput!) { r: logCoachingHalfDay(input: $input) { __typename } }"
    value = {"clusterId": "x", "organisationId": "y", "heldOn": "2026-02-30", "workDone": "Scope", "moduleNumber": 3}
    body = coach.execute(document, {"input": value})
    assert body["errors"][0]["message"] == "Not a valid date: 2026-02-30."
    assert body["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "input.heldOn"}
    body = coach.execute(document, {"input": {**value, "heldOn": "2026-03-10", "moduleNumber": 10**12}})
    assert body["errors"][0]["message"] == "Must be a whole number from -2,147,483,648 to 2,147,483,647."
    assert body["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "input.moduleNumber"}


def test_a_nested_field_is_named_by_its_path(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    document = 'mutation($c: AdmissionCriteriaInput!) { r: admitOrganisation(input: {clusterId: "x", organisationId: "y", criteria: $c}) { __typename } }'
    body = admin.execute(
        document, {"c": {"smallEnterprise": 15, "managementCommitment": "yes", "resourcesAvailable": "yes"}}
    )
    assert body["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "input.criteria.smallEnterprise"}


MISSPELT = [
    "{ clustr { edges { node { id } } } }",
    "{ clusters(frist: 2) { edges { node { id } } } }",
    "{ clusters { edges { node { nme } } } }",
    "query($id: Id!) { cluster(id: $id) { __typename } }",
    '{ cluster(id: "x") { ... on Clustr { id } } }',
    'mutation { logCoachingHalfDay(input: {clusterId: "x", organisationId: "y", heldOn: "2026-03-10", workDone: "w", nextStep: "n"}) { __typename } }',
]


def test_production_never_suggests_names(demo_services: Services) -> None:
    production = Settings(
        env="production",
        data_dir=demo_services.settings.data_dir,
        secret_key="s" * 40,
        audit_signing_key="Z" * 43 + "=",
        api_signing_keys="Y" * 43 + "=",
    )
    client = GraphQLClient(TestClient(create_app(production, demo_services), base_url="https://testserver"))
    client.sign_in(ALPINE_ADMIN)
    answers = [client.execute(document) for document in MISSPELT]
    assert all(answer["errors"] for answer in answers)
    assert [a for a in answers if "did you mean" in json.dumps(a).lower()] == []
    development = GraphQLClient(TestClient(create_app(demo_services.settings, demo_services))).sign_in(ALPINE_ADMIN)
    assert "Did you mean" in development.execute(MISSPELT[0])["errors"][0]["message"]


def test_a_lone_surrogate_in_any_text_is_validation_naming_the_field(
    client_for: ClientFor, demo_services: Services
) -> None:
    """JSON escapes can carry half a character; it can be neither stored nor compared in SQL."""
    admin = client_for(ALPINE_ADMIN)
    cluster_id = admin.data("{ clusters { edges { node { id } } } }")["clusters"]["edges"][0]["node"]["id"]
    before = events_in_log(demo_services)

    def post(document: str, variables: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps({"query": document, "variables": variables})  # ASCII: the surrogate travels escaped
        response = admin.http.post("/graphql", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer

    cancel = "mutation($i: CancelSessionInput!) { cancelSession(input: $i) { __typename } }"
    half = {"clusterId": cluster_id, "sessionKey": "a\ud800b", "reason": "r"}
    assert field_of(post(cancel, {"i": half})) == [("VALIDATION", "input.sessionKey")]
    feedback = (
        "query($id: ID!, $k: String!) { cluster(id: $id) { ... on Cluster { feedback(sessionKey: $k) { id } } } }"
    )
    assert field_of(post(feedback, {"id": cluster_id, "k": "\ud800"})) == [("VALIDATION", "sessionKey")]
    assert events_in_log(demo_services) == before
