"""Bounds on a request: the signed-out are refused before parsing; large bodies, documents and floods of selections
are refused before the validation rules see them, and one request's document cannot hold up another's."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import anyio
import httpx2
from fastapi import FastAPI

from backend.graphql.core.limits import (
    DOCUMENT_TOO_LARGE,
    FRAGMENTS_TOO_DEEP,
    TOO_MANY_REPEATS,
    TOO_MANY_SELECTIONS,
)
from tests.api.conftest import ALPINE_COACH
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
QUERY_FIELD = {"code": "VALIDATION", "field": "query"}
REPEATED_12_KB = "{ " + " ".join(["viewer { displayName }"] * 530) + " }"


def test_a_document_over_16_kib_is_refused_naming_the_query(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    body = coach.execute("{ viewer { displayName } }\n" + "# padding\n" * 1700)
    assert body == {"data": None, "errors": [{"message": DOCUMENT_TOO_LARGE, "extensions": QUERY_FIELD}]}


def test_floods_of_selections_are_refused_before_validation(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    assert 12_000 < len(REPEATED_12_KB.encode()) < 16 * 1024
    repeated = coach.execute(REPEATED_12_KB)
    assert repeated["errors"] == [{"message": TOO_MANY_REPEATS, "extensions": QUERY_FIELD}]
    through_fragments = "{ " + " ".join(["... on Query { viewer { displayName } }"] * 11) + " }"
    assert coach.execute(through_fragments)["errors"][0]["message"] == TOO_MANY_REPEATS
    leaves = " ".join(["id", "displayName", "email", "roles"] * 10) + " consultancy { " + "name " * 10 + "}"
    many = "{ " + " ".join(f"v{n}: viewer {{ {leaves} }}" for n in range(20)) + " }"  # 1,040 selections
    assert coach.execute(many)["errors"] == [{"message": TOO_MANY_SELECTIONS, "extensions": QUERY_FIELD}]
    ten = "{ " + " ".join(f"v{n}: viewer {{ displayName }}" for n in range(10)) + " }"
    assert coach.data(ten)["v9"]["displayName"]


def doubling_fragments(levels: int) -> str:
    """Under a kilobyte that selects 2**levels fields once each fragment is expanded where it is spread."""
    chain = " ".join(f"fragment F{n} on Query {{ ...F{n + 1} ...F{n + 1} }}" for n in range(levels))
    return f"query {{ ...F0 }} {chain} fragment F{levels} on Query {{ viewer {{ displayName }} }}"


def test_fragments_are_counted_as_they_expand(client_for: ClientFor) -> None:
    member = client_for(ALPINE_COACH)
    assert len(doubling_fragments(15).encode()) < 1024
    exploding = member.execute(doubling_fragments(15))
    assert exploding == {"data": None, "errors": [{"message": TOO_MANY_SELECTIONS, "extensions": QUERY_FIELD}]}
    deep = " ".join(f"fragment F{n} on Query {{ ...F{n + 1} }}" for n in range(30))
    nested = member.execute(f"query {{ ...F0 }} {deep} fragment F30 on Query {{ viewer {{ displayName }} }}")
    assert nested["errors"] == [{"message": FRAGMENTS_TOO_DEEP, "extensions": QUERY_FIELD}]
    assert member.data(doubling_fragments(5))["viewer"]["displayName"] == "Claire Coach"
    cyclic = member.execute("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }")
    assert cyclic["errors"] and "INTERNAL" not in str(cyclic)
    deep_fields = "{ viewer " + "{ consultancy " * 3000 + "}" * 3001
    assert "INTERNAL" not in str(member.execute(deep_fields))


def test_a_body_over_64_kib_is_refused_before_it_is_read(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    response = coach.http.post("/graphql", json={"query": "{ viewer { id } }", "variables": {"x": "y" * 70_000}})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "body"}


def test_small_requests_are_answered_while_large_documents_are_refused(app: FastAPI, client_for: ClientFor) -> None:
    cookies = dict(client_for(ALPINE_COACH).http.cookies)
    answers: list[dict[str, Any]] = []

    async def post(client: httpx2.AsyncClient, document: str) -> None:
        answers.append((await client.post("/graphql", json={"query": document})).json())

    async def main() -> None:
        transport = httpx2.ASGITransport(app=app)
        client = httpx2.AsyncClient(transport=transport, base_url="http://testserver", cookies=cookies)
        async with client, anyio.create_task_group() as requests:
            for _ in range(4):
                requests.start_soon(post, client, REPEATED_12_KB)
            requests.start_soon(post, client, "{ viewer { displayName } }")

    # In a thread of its own: a browser test earlier in this process may keep an event loop running in this one.
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(anyio.run, main).result()
    refused = [a for a in answers if a.get("errors")]
    answered = [a for a in answers if not a.get("errors")]
    assert len(refused) == 4 and all(a["errors"][0]["message"] == TOO_MANY_REPEATS for a in refused)
    assert len(answered) == 1 and answered[0]["data"]["viewer"]["displayName"]
