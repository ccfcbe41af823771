"""The pages' GraphQL documents: each `.graphql` file under frontend/ is valid against schema.graphql and run by a page."""

from __future__ import annotations

from pathlib import Path

import pytest
from graphql import GraphQLSchema, build_schema, parse, validate

import frontend.pages
from frontend.site.graphql_files import FRAGMENTS, READ, with_fragments

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted((ROOT / "frontend").rglob("*.graphql"))
DOCUMENTS = [path for path in FILES if path.parent != FRAGMENTS]


@pytest.fixture(scope="module")
def schema() -> GraphQLSchema:
    return build_schema((ROOT / "schema.graphql").read_text(encoding="utf-8"))


def test_the_pages_have_documents() -> None:
    assert len(DOCUMENTS) > 20


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: str(path.relative_to(ROOT)))
def test_a_page_document_is_valid_against_the_schema(schema: GraphQLSchema, path: Path) -> None:
    errors = validate(schema, parse(with_fragments(path.read_text(encoding="utf-8"))))
    assert not errors, f"{path.relative_to(ROOT)}: " + "; ".join(error.message for error in errors)


def test_every_document_is_run_by_a_page() -> None:
    assert frontend.pages.FEATURES  # importing the pages reads every document a page runs
    unread = [str(path.relative_to(ROOT)) for path in FILES if path not in READ]
    assert not unread, f"documents or fragments no page runs: {unread}"


def test_a_shared_fragment_is_sent_with_the_documents_that_spread_it() -> None:
    session = (ROOT / "frontend/clusters/session.graphql").read_text(encoding="utf-8")
    assert "...ClusterPage" in session and "fragment ClusterPage" not in session
    sent = with_fragments(session)
    assert sent.startswith(session) and sent.count("fragment ClusterPage on Cluster") == 1
    assert with_fragments("{ viewer { ... on Viewer { displayName } } }").count("fragment") == 0
