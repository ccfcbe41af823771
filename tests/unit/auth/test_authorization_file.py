"""The authorization matrix file: what it may say, and that the product and its docs follow it."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from backend.authorization import MATRIX_FILE, MatrixError, matrix, parse
from backend.graphql.actions import action_catalog, matrix_table
from backend.graphql.schema import build_schema
from domain.tenancy.account import Role

ROOT = Path(__file__).parents[3]
DOCS = ROOT / "docs" / "authorization.md"


def shipped() -> dict[str, Any]:
    return tomllib.loads(MATRIX_FILE.read_text(encoding="utf-8"))


def test_the_file_has_a_row_for_every_action_mutation_and_query_field() -> None:
    schema = build_schema()._schema
    assert schema.mutation_type is not None
    approving = {name: action.approves for name, action in action_catalog().items()}
    matrix().check(approving, list(schema.mutation_type.fields), list(schema.query_type.fields))
    with pytest.raises(MatrixError, match=r"mutations without a row \['aNewMutation'\]"):
        matrix().check(approving, [*schema.mutation_type.fields, "aNewMutation"], list(schema.query_type.fields))
    with pytest.raises(MatrixError, match=r"rows for no action \['risks.accept_risk'\]"):
        matrix().check({k: v for k, v in approving.items() if k != "risks.accept_risk"}, [], [])


def test_an_approval_is_never_a_contributor_s() -> None:
    approving = {name: action.approves for name, action in action_catalog().items()}
    data = shipped()
    data["actions"]["risks.accept_risk"]["roles"].append("contributor")
    schema = build_schema()._schema
    assert schema.mutation_type is not None
    with pytest.raises(MatrixError, match=r"risks\.accept_risk approves"):
        parse(data).check(approving, list(schema.mutation_type.fields), list(schema.query_type.fields))


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        (lambda d: d["actions"]["risks.identify_risk"]["roles"].append("member"), "names 'member'"),
        (lambda d: d["actions"]["risks.identify_risk"]["roles"].append("owner"), "names 'owner'"),
        (lambda d: d["actions"]["risks.identify_risk"]["roles"].append("viewer"), "only reads"),
        (lambda d: d["queries"]["risks"].update(sees="everything"), "sees 'everything'"),
        (lambda d: d["queries"]["accounts"].update(action="tenancy.nothing"), "follows 'tenancy.nothing'"),
        (lambda d: d["roles"].pop("auditor"), r"\[roles\] must describe"),
    ],
)
def test_a_file_that_says_what_cannot_be_enforced_is_refused(change: Any, refusal: str) -> None:
    data = shipped()
    change(data)
    with pytest.raises(MatrixError, match=refusal):
        parse(data)


def test_a_query_that_follows_an_action_answers_the_roles_of_its_row() -> None:
    assert matrix().queries["accounts"].roles == frozenset({Role.CONSULTANCY_ADMIN})
    assert Role.AUDITOR in matrix().queries["risks"].roles


def test_every_field_level_rule_names_a_test_that_exists() -> None:
    for field, rule in matrix().fields.items():
        path, _, function = rule.proven_by.partition("::")
        source = (ROOT / path).read_text(encoding="utf-8")
        assert not function or f"def {function}(" in source, field


def test_the_docs_show_the_file_as_it_is() -> None:
    assert DOCS.read_text(encoding="utf-8") == matrix_table(), "docs/authorization.md drifted: run `make schema`"
