"""The comparison page's live stream: refused as the page is, and `changed` once what it shows has moved (a member
withdrawing its consent takes the comparison away from the others, without a reload)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from starlette.testclient import TestClient

from tests.api.comparison.support import ANA, LENA, MULLER, WITHDRAW
from tests.api.conftest import HARBOUR_ADMIN, HARBOUR_COACH
from tests.api.portfolio.test_live import CHANGED, Stream, live_app, sign_in  # noqa: F401 - fixtures
from tests.api.programme_support import demo_cluster
from tests.support.graphql_client import GraphQLClient

AUDITOR = "auditor@certify.example"


def test_the_comparison_stream_opens_only_for_the_clusters_people(
    live_app: FastAPI,  # noqa: F811 - the fixture
    sign_in: Callable[[str], GraphQLClient],  # noqa: F811 - the fixture
) -> None:
    cluster = demo_cluster(sign_in(MULLER))
    url = f"/live/clusters/{cluster['id']}/comparison"
    for client in (
        sign_in(HARBOUR_ADMIN),
        sign_in(HARBOUR_COACH),
        sign_in(AUDITOR),
        GraphQLClient(TestClient(live_app)),
    ):
        answer = client.http.get(url)
        assert answer.status_code == 404 and CHANGED not in answer.text
    assert not live_app.state.live_streams.limits.tenants


def test_a_member_withdrawing_its_consent_tells_the_others_open_comparison(
    live_app: FastAPI,  # noqa: F811 - the fixture
    sign_in: Callable[[str], GraphQLClient],  # noqa: F811 - the fixture
) -> None:
    cluster = demo_cluster(sign_in(LENA))  # a member reads its own organisation among the members, no other
    kirchberg = cluster["member_ids"]["Kirchberg Dental"]
    with Stream(live_app, sign_in(ANA), f"/live/clusters/{cluster['id']}/comparison") as stream:
        withdrawn = sign_in(LENA).data(WITHDRAW, {"input": {"clusterId": cluster["id"], "organisationId": kirchberg}})
        assert withdrawn["r"]["__typename"] == "ComparisonConsentChange", withdrawn
    assert stream.body.count(CHANGED) == 1
    page = sign_in(ANA).http.get(f"/clusters/{cluster['id']}/comparison")
    assert 'data-live="/live/clusters/' in page.text and "Kirchberg" not in page.text
