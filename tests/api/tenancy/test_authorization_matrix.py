"""The API enforces the authorization matrix (`backend/authorization.toml`), no more and no less.

Every query field and every mutation of the schema is called as each of the six roles, signed in as a demo person who
holds it, with arguments built from the schema: every organisation the person's own, every role a viewer, every other
id one nobody has. A role the row leaves out must be refused FORBIDDEN, a mutation with its own action's refusal; a
role it names must never be refused at all (it may well be told that a random id does not exist: that answer comes
once the role and the field-level rules have let it through).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any
from uuid import uuid4

import pytest
from graphql import GraphQLField, GraphQLOutputType, get_named_type, is_object_type, is_union_type

from backend.authorization import MATRIX_ROLES, matrix
from backend.graphql.actions import action_catalog
from backend.graphql.schema import build_schema
from domain.organisations.organisation import organisation_id
from domain.tenancy.account import REALM_ROLES, Role
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH
from tests.support.graphql_client import GraphQLClient
from tests.support.schema_values import GOOD, good_value

PERSON = {
    Role.CONSULTANCY_ADMIN: ALPINE_ADMIN,
    Role.COACH: ALPINE_COACH,
    Role.ISMS_MANAGER: "member@muller.example",
    Role.CONTRIBUTOR: "lea@muller.example",
    Role.VIEWER: "paul@muller.example",
    Role.AUDITOR: "auditor@certify.example",
    Role.LABELLING_BODY: "registrar@label-board.example",
    Role.PROFESSIONAL: "sophie@pro.example",
}
"""A demo person holding each role; the auditor's window runs a month from the demo's day."""
INSIDE_THE_AUDITORS_WINDOW = date(2026, 3, 10)
MULLER = organisation_id(consultancy_id("alpine"), "Boulangerie Muller")
"""The organisation of the demo's ISMS manager, contributor, viewer and auditor, in the admin's and coach's view."""
VALUES = {**GOOD, "ID": str(uuid4()), "Boolean": False}
"""An id nobody has, so an allowed call changes nothing it could find; `false` for flags, so no call switches on a
setting (a second factor required of admins) that would change the answers to the calls after it."""
CALLS_PER_DOCUMENT = 20
"""Within the schema's caps on aliases and tokens per document."""


def selection(type_: GraphQLOutputType) -> str:
    named = get_named_type(type_)
    if is_union_type(named):
        refusals = [t.name for t in named.types if t.name == "ForbiddenError"]  # type: ignore[attr-defined]
        return "{ __typename " + "".join(f"... on {name} {{ code message }}" for name in refusals) + " }"
    return "{ __typename }" if is_object_type(named) or hasattr(named, "fields") else ""


def in_view(name: str, value: Any) -> Any:
    """The value with every organisation the input names the demo person's own, and every role granted or invited a
    viewer: what the field-level rules let an ISMS manager give, so a role the row allows is refused by nothing."""
    if isinstance(value, dict):
        return {key: in_view(key, item) for key, item in value.items()}
    if isinstance(value, list):
        return [in_view(name, item) for item in value]
    return {"organisationId": str(MULLER), "role": "VIEWER"}.get(name, value)


def call(index: int, name: str, field: GraphQLField) -> tuple[str, str, dict[str, Any]]:
    """The field called with its required arguments, as alias `f<index>`: its variables' declarations, the call, and
    the variables."""
    required = {arg: spec for arg, spec in field.args.items() if str(spec.type).endswith("!")}
    declared = "".join(f"$f{index}_{arg}: {spec.type}, " for arg, spec in required.items())
    given = ", ".join(f"{arg}: $f{index}_{arg}" for arg in required)
    variables = {f"f{index}_{arg}": in_view(arg, good_value(spec.type, VALUES)) for arg, spec in required.items()}
    return (
        declared,
        f"f{index}: {name}({given}) {selection(field.type)}" if given else f"f{index}: {name} {selection(field.type)}",
        variables,
    )


def answers(client: GraphQLClient, kind: str, fields: list[tuple[str, GraphQLField]]) -> dict[str, dict[str, Any]]:
    """Each field's answer, its errors apart. Mutations are called a few to a document (the schema caps aliases):
    each answers a payload or a typed refusal. A query is called alone: an error in a field that cannot be null
    (no organisation with a random id) takes the whole document's data with it."""
    found: dict[str, dict[str, Any]] = {}
    per_document = CALLS_PER_DOCUMENT if kind == "mutation" else 1
    for start in range(0, len(fields), per_document):
        calls = [call(start + n, name, field) for n, (name, field) in enumerate(fields[start : start + per_document])]
        declared = "".join(declared for declared, _, _ in calls).rstrip(", ")
        body = client.execute(
            f"{kind}{f'({declared})' if declared else ''} {{ {' '.join(c for _, c, _ in calls)} }}",
            {key: value for _, _, variables in calls for key, value in variables.items()},
        )
        for n, (name, _) in enumerate(fields[start : start + per_document]):
            alias = f"f{start + n}"
            errors = [e for e in body.get("errors") or [] if (e.get("path") or [None])[0] == alias]
            assert body.get("data") is not None or per_document == 1, body
            found[name] = {"data": {"r": (body.get("data") or {}).get(alias)}, "errors": errors}
    return found


def refusal(body: dict[str, Any]) -> str | None:
    """The message of a FORBIDDEN answer, as an error or as a payload."""
    for error in body.get("errors") or []:
        if (error.get("extensions") or {}).get("code") == "FORBIDDEN":
            return str(error["message"])
    answer = (body.get("data") or {}).get("r")
    if isinstance(answer, dict) and answer.get("__typename") == "ForbiddenError":
        return str(answer["message"])
    return None


def disagreement(kind: str, name: str, may: bool, body: dict[str, Any]) -> str | None:
    """How the answer disagrees with the matrix, if it does. A role the row leaves out is refused: for a mutation
    with the refusal of the row's own action. A role the row names is never refused: the input names what the
    field-level rules let it act on (`in_view`)."""
    said = refusal(body)
    if may and said is not None:
        return f"{kind} {name}: the matrix allows the role, the API refuses it: {said}"
    if not may and said is None:
        return f"{kind} {name}: the matrix refuses the role, the API answers {body}"
    if not may and kind == "mutation":
        expected = f"You may not {action_catalog()[matrix().mutation_actions()[name]].description}."
        if said != expected:
            return f"{kind} {name}: refused as {said!r}, not by its row's action ({expected!r})"
    return None


@pytest.mark.parametrize("role", MATRIX_ROLES, ids=[role.value for role in MATRIX_ROLES])
def test_every_operation_answers_each_role_as_the_matrix_says(
    client_for: Callable[[str], GraphQLClient], days_pass: Callable[[date], None], role: Role
) -> None:
    days_pass(INSIDE_THE_AUDITORS_WINDOW)
    client, schema, rows = client_for(PERSON[role]), build_schema()._schema, matrix()
    assert client.data("{ viewer { roles } }")["viewer"]["roles"] in ([role.value], ["member"])
    risk_flags_within_the_matrix(client, role)
    actions = rows.mutation_actions()
    wrong, counted = [], {"refused": 0, "allowed": 0}
    roots = [("query", schema.query_type, lambda n: rows.queries[n].roles)]
    roots.append(("mutation", schema.mutation_type, lambda n: rows.actions[actions[n]].roles))
    for kind, root, allowed_for in roots:
        assert root is not None
        found = answers(client, kind, sorted(root.fields.items()))
        for name in found:
            may = role in allowed_for(name)
            problem = disagreement(kind, name, may, found[name])
            if problem is not None:
                wrong.append(problem)
            counted["allowed" if may else "refused"] += 1
    assert not wrong, "\n".join(wrong)
    assert counted["refused"] + counted["allowed"] == len(rows.queries) + len(actions)


RISK_FLAGS = {
    "change": "risks.change_risk",
    "assess": "risks.assess_risk",
    "treat": "risks.treat_risk",
    "recordManagementDecision": "risks.record_management_decision",
    "accept": "risks.accept_risk",
    "close": "risks.close_risk",
}


def risk_flags_within_the_matrix(client: GraphQLClient, role: Role) -> None:
    """What the viewer may do to each of the demo's risks is never more than the matrix gives their role."""
    flags = " ".join(RISK_FLAGS)
    document = (
        f'{{ risks(organisationId: "{MULLER}", first: 50) {{ edges {{ node {{ viewerCan {{ {flags} }} }} }} }} }}'
    )
    if role in REALM_ROLES:  # a labelling body's staff or a professional: no consultancy's risk at all
        assert refusal(client.execute(document)) is not None
        return
    found = client.data(document)
    nodes = [edge["node"]["viewerCan"] for edge in found["risks"]["edges"]]
    assert len(nodes) >= 3  # the demo's risks of the first organisation, in every role's view
    for flag, action in RISK_FLAGS.items():
        if role not in matrix().roles_of(action):
            assert not any(node[flag] for node in nodes), flag
    if role in (Role.ISMS_MANAGER, Role.CONTRIBUTOR):
        assert any(node["change"] for node in nodes)  # the organisation's own people edit its open risks
