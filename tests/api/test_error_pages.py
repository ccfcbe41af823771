"""Addresses that do not exist: the product's page for a browser, a plain status for the API."""

from __future__ import annotations

import pytest

from tests.api.conftest import ALPINE_COACH
from tests.api.page_support import ClientFor
from tests.support.graphql_client import GraphQLClient

BROWSER = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


@pytest.mark.parametrize("path", ["/no-such-page", "/clusters/x/y/z", "/static/none.css/.."])
def test_a_browser_asking_for_an_unknown_address_gets_the_products_404_page(
    anonymous: GraphQLClient, path: str
) -> None:
    response = anonymous.http.get(path, headers=BROWSER)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "There is no page at this address." in response.text and 'href="/clusters"' in response.text


def test_the_404_page_keeps_the_signed_in_layout(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    response = coach.http.get("/no-such-page", headers=BROWSER)
    assert response.status_code == 404 and "Sign out" in response.text


def test_the_api_and_other_clients_get_a_plain_404(anonymous: GraphQLClient) -> None:
    assert anonymous.http.get("/graphql/none", headers=BROWSER).json() == {"detail": "Not Found"}
    assert anonymous.http.get("/no-such-page", headers={"accept": "application/json"}).json() == {"detail": "Not Found"}


def test_a_wrong_method_is_still_answered_as_such(anonymous: GraphQLClient) -> None:
    assert anonymous.http.delete("/login", headers=BROWSER).status_code == 405


def test_an_address_whose_parts_do_not_parse_is_a_404_page_for_a_browser(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = coach.data("{ clusters { edges { node { id members { organisation { id } } } } } }")
    node = cluster["clusters"]["edges"][0]["node"]
    path = f"/clusters/{node['id']}/members/{node['members'][0]['organisation']['id']}/coaching/abc/correct"
    response = coach.http.post(path, headers=BROWSER, data={})
    assert response.status_code == 404 and "There is no page at this address." in response.text
    assert coach.http.post(path, headers={"accept": "application/json"}).json() == {"detail": "Not Found"}


def test_a_download_out_of_view_says_so_on_the_404_page(client_for: ClientFor) -> None:
    response = client_for(ALPINE_COACH).http.get("/clusters/not-a-cluster/effort.csv", headers=BROWSER)
    assert response.status_code == 404 and "No such cluster in your view." in response.text
