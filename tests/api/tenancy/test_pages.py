"""Signing in: pages ask for it first."""

from __future__ import annotations

from tests.support.graphql_client import GraphQLClient


def test_signed_out_pages_redirect_to_sign_in(anonymous: GraphQLClient) -> None:
    response = anonymous.http.get("/clusters", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/clusters"
