"""Live pages' streams: refused as the page is, before anything is streamed; `changed` once what the page shows has
moved, and nothing when what moved is not the viewer's to see."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from backend.app import create_app
from backend.auth.current import SESSION_COOKIE
from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN, HARBOUR_COACH
from tests.api.programme_support import demo_cluster
from tests.support.graphql_client import GraphQLClient

LOG = """mutation($input: LogCoachingHalfDayInput!) { r: logCoachingHalfDay(input: $input) { __typename
    ... on UserError { message } } }"""
CHANGED = "event: changed"


@pytest.fixture
def live_app(demo_services: Services) -> FastAPI:
    """The app with streams short enough for a test: each ends after a second and a half."""
    settings = demo_services.settings.model_copy(
        update={"live_stream_seconds": 1.5, "live_poll_seconds": 0.02, "live_streams_per_session": 1}
    )
    return create_app(settings, demo_services)


@pytest.fixture
def sign_in(live_app: FastAPI) -> Callable[[str], GraphQLClient]:
    return lambda email: GraphQLClient(TestClient(live_app)).sign_in(email)


class Stream:
    """A stream read to its end in a thread, while the test changes things."""

    def __init__(self, app: FastAPI, client: GraphQLClient, url: str, last_event_id: str | None = None) -> None:
        self.app, self.answers = app, []
        headers = {"Last-Event-ID": last_event_id} if last_event_id else {}
        self.thread = threading.Thread(target=lambda: self.answers.append(client.http.get(url, headers=headers)))

    def __enter__(self) -> Stream:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.app.state.live_streams.limits.tenants:  # until the stream is open
            assert self.thread.is_alive() and time.monotonic() < deadline, "The stream did not open"
            time.sleep(0.005)
        return self

    def __exit__(self, *_: Any) -> None:
        self.thread.join(10)

    @property
    def body(self) -> str:
        [response] = self.answers
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/event-stream")
        return str(response.text)


@pytest.fixture
def cluster(sign_in: Callable[[str], GraphQLClient]) -> dict[str, Any]:
    return demo_cluster(sign_in(ALPINE_COACH))


def log_coaching(client: GraphQLClient, cluster: dict[str, Any], member: str) -> None:
    logged = {"clusterId": cluster["id"], "organisationId": cluster["member_ids"][member], "heldOn": "2027-01-04"}
    answer = client.data(LOG, {"input": {**logged, "workDone": "Risk assessment walked through"}})["r"]
    assert answer["__typename"] == "ClusterChange", answer


def test_another_consultancy_or_someone_signed_out_gets_404_and_no_stream(
    live_app: FastAPI, sign_in: Callable[[str], GraphQLClient], cluster: dict[str, Any]
) -> None:
    url = f"/live/clusters/{cluster['id']}"
    for client in (sign_in(HARBOUR_ADMIN), sign_in(HARBOUR_COACH), GraphQLClient(TestClient(live_app))):
        answer = client.http.get(url)
        assert answer.status_code == 404 and CHANGED not in answer.text
    member = sign_in("member@muller.example")
    assert member.http.get("/live/portfolio").status_code == 404  # the portfolio page is not a member's
    assert sign_in(ALPINE_COACH).http.get("/live/clusters/00000000-0000-0000-0000-000000000000").status_code == 404
    assert not live_app.state.live_streams.limits.tenants


def test_a_coaching_half_day_logged_elsewhere_tells_the_open_dashboard(
    live_app: FastAPI, sign_in: Callable[[str], GraphQLClient], cluster: dict[str, Any]
) -> None:
    with Stream(live_app, sign_in(ALPINE_COACH), f"/live/clusters/{cluster['id']}") as stream:
        log_coaching(sign_in(ALPINE_COACH), cluster, "Kirchberg Dental")  # from another session
    assert stream.body.startswith("retry: 2000\nid: ")
    assert stream.body.count(CHANGED) == 1
    assert not live_app.state.live_streams.limits.tenants  # the ended stream no longer counts


def test_nothing_is_sent_when_what_moved_is_not_the_viewers(
    live_app: FastAPI, sign_in: Callable[[str], GraphQLClient], demo_services: Services
) -> None:
    harbour = demo_cluster(sign_in(HARBOUR_COACH))
    member = next(iter(harbour["member_ids"]))
    before = sum(demo_services.runner.positions().values())
    with Stream(live_app, sign_in(ALPINE_COACH), "/live/portfolio") as stream:
        log_coaching(sign_in(HARBOUR_COACH), harbour, member)
    assert sum(demo_services.runner.positions().values()) > before  # the read models did move
    assert stream.body.startswith("retry:") and CHANGED not in stream.body


def test_a_session_opens_no_more_streams_than_allowed(
    live_app: FastAPI, sign_in: Callable[[str], GraphQLClient]
) -> None:
    coach = sign_in(ALPINE_COACH)
    with Stream(live_app, coach, "/live/portfolio") as stream:
        refused = coach.http.get("/live/portfolio")
        assert refused.status_code == 429 and refused.headers["retry-after"]
        assert sign_in(ALPINE_ADMIN).http.get("/portfolio").status_code == 200
    assert stream.body.startswith("retry:")


def test_a_session_ended_while_its_stream_is_open_is_told_nothing_more(
    live_app: FastAPI, sign_in: Callable[[str], GraphQLClient], cluster: dict[str, Any], demo_services: Services
) -> None:
    coach = sign_in(ALPINE_COACH)
    with Stream(live_app, coach, f"/live/clusters/{cluster['id']}") as stream:
        demo_services.sessions.close(str(coach.http.cookies.get(SESSION_COOKIE)))
        log_coaching(sign_in(ALPINE_COACH), cluster, "Kirchberg Dental")
    assert stream.body.startswith("retry:") and CHANGED not in stream.body
    assert coach.http.get(f"/live/clusters/{cluster['id']}").status_code == 404  # and no new stream


def last_event_id(body: str) -> str:
    return [line.removeprefix("id: ") for line in body.splitlines() if line.startswith("id: ")][-1]


def test_a_browser_reconnecting_is_told_at_once_of_a_change_it_missed_and_of_nothing_else(
    live_app: FastAPI, sign_in: Callable[[str], GraphQLClient], cluster: dict[str, Any]
) -> None:
    coach, url = sign_in(ALPINE_COACH), f"/live/clusters/{cluster['id']}"
    with Stream(live_app, coach, url) as stream:
        pass
    seen = last_event_id(stream.body)
    with Stream(live_app, coach, url, last_event_id=seen) as quiet:
        pass
    assert CHANGED not in quiet.body  # nothing moved while it reconnected
    log_coaching(sign_in(ALPINE_COACH), cluster, "Kirchberg Dental")  # while the page is between two streams
    with Stream(live_app, coach, url, last_event_id=seen) as told:
        pass
    assert told.body.count(CHANGED) == 1
    made_up = seen.rsplit(".", 1)[0] + ".0123456789abcdef0123456789abcdef"
    with Stream(live_app, coach, url, last_event_id=made_up) as forged:
        pass
    assert CHANGED not in forged.body  # a made-up id is no id: the page is as it is now
    stolen = sign_in(HARBOUR_ADMIN).http.get(url, headers={"Last-Event-ID": last_event_id(told.body)})
    assert stolen.status_code == 404  # another consultancy's stream is refused, whatever id it brings
