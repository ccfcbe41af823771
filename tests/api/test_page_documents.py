"""The pages' GraphQL documents: each `.graphql` file under frontend/ is valid against schema.graphql and run by a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import GraphQLSchema, build_schema, parse, validate

import frontend.pages
from frontend.site.graphql_files import READ

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted((ROOT / "frontend").rglob("*.graphql"))


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))


def test_the_pages_have_documents() -> None:
    assert len(DOCUMENTS) > 20


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_a_page_document_is_valid_against_the_schema(schema: GraphQLSchema, path: Path) -> None:
    errors = validate(schema, parse(path.read_text(encoding="utf-8")))
    assert not errors, f"{path.relative_to(ROOT)}: " + "; ".join(error.message for error in errors)


def test_every_document_is_run_by_a_page() -> None:
    assert frontend.pages.FEATURES  # importing the pages reads every document a page runs
    unread = [str(path.relative_to(ROOT)) for path in DOCUMENTS if path not in READ]
    assert not unread, f"documents no page runs: {unread}"
