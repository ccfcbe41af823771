"""What auditors read, a page at a time, newest first: all or one auditor's, within a period. Only the
consultancy's admins see it, and only their own consultancy's; a cursor or filter that is not the API's is refused
naming its argument."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import update

from backend.auth.auditor_reads import auditor_reads
from backend.demo import organisation_id
from backend.services import Services
from domain.tenancy.account import Role
from domain.tenancy.account import account_id as domain_account_id
from domain.tenancy.consultancy import consultancy_id
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, HARBOUR_ADMIN
from tests.api.page_support import MEMBER, ClientFor
from tests.api.tenancy.test_grants import AUDITOR, SECOND_MEMBER
from tests.api.test_isolation_same_tenant import SECOND_COACH, open_account

READS = """query($first: Int, $after: String, $accountId: ID, $fromDay: Date, $untilDay: Date) {
  r: auditorReads(first: $first, after: $after, accountId: $accountId, fromDay: $fromDay, untilDay: $untilDay) {
    __typename ... on UserError { code field }
    ... on AuditorReadConnection { edges { cursor node { displayName path readAt } }
      pageInfo { hasNextPage endCursor } auditors { id displayName } } } }"""
OTHER = UUID("00000000-0000-4000-8000-0000000000aa")


def reads(client: Any, **given: Any) -> dict[str, Any]:
    result: dict[str, Any] = client.data(READS, given)["r"]
    return result


@pytest.fixture
def recorded(demo_services: Services) -> str:
    """Five reads of the demo auditor on five days of March 2026 and one of another account; one in Harbour."""
    store = demo_services.auditor_reads
    assert store is not None
    alpine, ines = consultancy_id("alpine"), domain_account_id(AUDITOR)
    for day in range(1, 6):
        store.record(alpine, ines, "GET", f"/page/{day}")
    store.record(alpine, OTHER, "GET", "/other")
    store.record(consultancy_id("harbour"), ines, "GET", "/harbour")
    with demo_services.store.engine.begin() as conn:
        for day in range(1, 6):
            at = datetime(2026, 3, day, 9, tzinfo=UTC)
            conn.execute(update(auditor_reads).where(auditor_reads.c.path == f"/page/{day}").values(read_at=at))
    return str(ines)


def test_an_admin_pages_through_what_auditors_read_newest_first_by_auditor_and_period(
    client_for: ClientFor, recorded: str
) -> None:
    admin = client_for(ALPINE_ADMIN)
    first = reads(admin, first=2, accountId=recorded)
    assert [e["node"]["path"] for e in first["edges"]] == ["/page/5", "/page/4"]
    assert first["pageInfo"]["hasNextPage"] and first["pageInfo"]["endCursor"] == first["edges"][-1]["cursor"]
    assert [a["displayName"] for a in first["auditors"]].count("Ines Auditor") == 1
    rest = reads(admin, first=10, accountId=recorded, after=first["pageInfo"]["endCursor"])
    assert [e["node"]["path"] for e in rest["edges"]] == ["/page/3", "/page/2", "/page/1"]
    assert not rest["pageInfo"]["hasNextPage"]
    period = reads(admin, accountId=recorded, fromDay="2026-03-02", untilDay="2026-03-03")
    assert [e["node"]["path"] for e in period["edges"]] == ["/page/3", "/page/2"]
    everyone = [e["node"]["path"] for e in reads(admin, first=100)["edges"]]
    assert "/other" in everyone and "/harbour" not in everyone


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"after": "not-a-cursor"}, "after"),
        ({"after": "WyJyZWFkIiwgMWUxMDBd"}, "after"),  # ["read", 1e100]: beyond what the database compares
        ({"first": 0}, "first"),
        ({"first": 101}, "first"),
        ({"accountId": "someone"}, "accountId"),
        ({"fromDay": "2026-03-05", "untilDay": "2026-03-01"}, "untilDay"),
        ({"untilDay": "9999-12-31"}, "untilDay"),
    ],
)
def test_a_cursor_or_filter_not_of_the_api_is_refused_naming_it(
    client_for: ClientFor, given: dict[str, Any], field: str
) -> None:
    refused = reads(client_for(ALPINE_ADMIN), **given)
    assert (refused["code"], refused["field"]) == ("VALIDATION", field)


def test_outsiders_see_no_auditor_reads_and_another_consultancy_sees_only_its_own(
    client_for: ClientFor, demo_services: Services, recorded: str
) -> None:
    open_account(demo_services, SECOND_COACH, "Sam Second", Role.COACH)
    open_account(demo_services, SECOND_MEMBER, "Dr Lena Weber", Role.MEMBER, _kirchberg())
    for who in (ALPINE_COACH, SECOND_COACH, MEMBER, SECOND_MEMBER):
        assert reads(client_for(who), accountId=recorded)["code"] == "FORBIDDEN", who
    harbour = reads(client_for(HARBOUR_ADMIN), accountId=recorded, first=100)
    assert [e["node"]["path"] for e in harbour["edges"]] == ["/harbour"]


def test_the_page_filters_by_auditor_and_links_to_the_next_page_without_script(
    client_for: ClientFor, demo_services: Services, recorded: str
) -> None:
    store = demo_services.auditor_reads
    assert store is not None
    for n in range(55):
        store.record(consultancy_id("alpine"), domain_account_id(AUDITOR), "GET", f"/many/{n}")
    admin = client_for(ALPINE_ADMIN)
    page = admin.http.get("/auditor-reads", params={"auditor": recorded})
    assert page.status_code == 200 and "/many/54" in page.text and "/other" not in page.text
    following = page.text.split('rel="next"')[0].rsplit('href="', 1)[1].split('"')[0].replace("&amp;", "&")
    second = admin.http.get(following)
    assert "/many/0" in second.text and "/many/54" not in second.text and "/page/1" in second.text
    assert 'rel="next"' not in second.text
    assert admin.http.get("/auditor-reads?after=edited").status_code == 200  # a hand-edited link: the newest page


def _kirchberg() -> str:
    return str(organisation_id(consultancy_id("alpine"), "Kirchberg Dental"))
