"""A GraphQL client for API tests: signs in through the real sign-in form, then posts documents to /graphql."""

from __future__ import annotations

import re
from typing import Any

from starlette.testclient import TestClient

from backend.demo import DEMO_PASSWORD


class GraphQLClient:
    def __init__(self, client: TestClient, expected_status: int = 200) -> None:
        self.http = client
        self.expected_status = expected_status

    def sign_in(self, email: str, password: str = DEMO_PASSWORD) -> GraphQLClient:
        page = self.http.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None
        response = self.http.post(
            "/login",
            data={"email": email, "password": password, "csrf_token": token.group(1)},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        return self

    def execute(
        self, document: str, variables: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> dict[str, Any]:
        response = self.http.post("/graphql", json={"query": document, "variables": variables or {}}, headers=headers)
        assert response.status_code == self.expected_status, response.text
        body: dict[str, Any] = response.json()
        return body

    def data(self, document: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The data of a document that must succeed without top-level errors."""
        body = self.execute(document, variables)
        assert "errors" not in body, body["errors"]
        result: dict[str, Any] = body["data"]
        return result
