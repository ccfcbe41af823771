"""An organisation's auditor's bundles are its own: another member of the same cluster, a coach of another cluster
and every account of another consultancy list none (refused as for a random organisation), export none (refused
as for a random organisation, nothing written) and download none (404, as a missing bundle)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest

from backend.services import Services
from tests.api.conftest import HARBOUR_ADMIN, HARBOUR_COACH, events_in_log
from tests.api.evidence.support import LIST, export
from tests.api.test_isolation_same_tenant import HARBOUR_MEMBER, SECOND_COACH, SECOND_MEMBER, Alpine, alpine
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
__all__ = ["alpine"]
OUTSIDERS = {
    "another member of the cluster": SECOND_MEMBER,
    "a coach of another cluster": SECOND_COACH,
    "an admin of another consultancy": HARBOUR_ADMIN,
    "a coach of another consultancy": HARBOUR_COACH,
    "a member of another consultancy": HARBOUR_MEMBER,
}


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_outsider_lists_exports_and_downloads_nothing(
    client_for: ClientFor, demo_services: Services, alpine: Alpine, who: str
) -> None:
    client, random = client_for(OUTSIDERS[who]), str(uuid.uuid4())
    refused = client.execute(LIST, {"id": alpine.muller})
    assert refused["errors"][0]["extensions"] == {"code": "VALIDATION", "field": "organisationId"}
    assert refused["errors"] == client.execute(LIST, {"id": random})["errors"]
    before = events_in_log(demo_services)
    foreign = export(client, alpine.muller)
    assert foreign == export(client, random)
    assert foreign["__typename"] in {"NotFoundError", "ForbiddenError"}, foreign
    assert events_in_log(demo_services) == before
    for number in ("1", "2"):
        assert client.http.get(f"/organisations/{alpine.muller}/audit-bundles/{number}.zip").status_code == 404
    assert client.http.get(f"/organisations/{random}/audit-bundles/1.zip").status_code == 404
