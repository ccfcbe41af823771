"""An organisation's registers stay its own once it leaves its cluster: awaiting a cluster again, it shows in every
coach's directory (to be admitted), but its risks, statement, assets, documents, context, ITIL declarations, metrics,
auditor's bundles, ISMS home and readiness are out of view of a coach who leads none of its clusters, who can change
none of them either. The coach of the cluster it left keeps reading them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest

from backend.services import Services
from tests.api.conftest import ALPINE_COACH, events_in_log
from tests.api.test_isolation_same_tenant import SECOND_COACH, Alpine, alpine, mutate
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
__all__ = ["alpine"]  # the fixture
READS = {
    "risks": "risks(organisationId: $id) { totalCount edges { node { id } } }",
    "statement": "statementOfApplicability(organisationId: $id) { __typename }",
    "assets": "assets(organisationId: $id) { inventoryCount edges { node { id } } }",
    "documents": "documents(organisationId: $id) { edges { node { id } } }",
    "context": "organisationContext(organisationId: $id) { __typename ... on OrganisationContext { "
    "issues { edges { node { id } } } } }",
    "itil": "itilPractices(organisationId: $id) { __typename ... on ItilPractices { declarations { item } } }",
    "home": "ismsOverview(organisationId: $id) { __typename }",
    "readiness": "readiness(organisationId: $id) { __typename ... on Readiness { percent } }",
    "metrics": "metrics(organisationId: $id) { totalCount edges { node { id } } }",
    "evidence": "auditBundles(organisationId: $id) { edges { node { number downloadUrl } } }",
}


def read(client: GraphQLClient, field: str, organisation: str) -> Any:
    return client.execute(f"query($id: ID!) {{ {READS[field]} }}", {"id": organisation})


@pytest.fixture
def withdrawn(client_for: ClientFor, alpine: Alpine) -> str:
    """Boulangerie Muller, withdrawn from the demo cluster: it awaits a cluster again."""
    claire = client_for(ALPINE_COACH)
    given = {"clusterId": alpine.cluster_id, "organisationId": alpine.muller, "withdrawnOn": "2026-03-02",
             "reason": "Paused its programme"}  # fmt: skip
    assert mutate(claire, "withdrawMember", "WithdrawMemberInput", given)["__typename"] == "ClusterChange"
    return alpine.muller


@pytest.mark.parametrize("field", READS)
def test_a_coach_who_leads_none_of_its_clusters_reads_none_of_its_registers(
    client_for: ClientFor, withdrawn: str, field: str
) -> None:
    sam = client_for(SECOND_COACH)
    organisations = {o["id"] for o in sam.data("{ organisations { id } }")["organisations"]}
    assert withdrawn in organisations  # in the directory, to be admitted to a cluster
    assert read(sam, field, withdrawn) == read(sam, field, str(uuid.uuid4()))
    claire = client_for(ALPINE_COACH)  # the coach of the cluster it left
    assert read(claire, field, withdrawn) != read(claire, field, str(uuid.uuid4()))


def test_its_readiness_in_the_directory_is_null_for_a_coach_who_leads_none_of_its_clusters(
    client_for: ClientFor, withdrawn: str
) -> None:
    directory = "{ organisations { id readiness { percent } } }"
    seen = {o["id"]: o["readiness"] for o in client_for(SECOND_COACH).data(directory)["organisations"]}
    assert seen[withdrawn] is None
    kept = {o["id"]: o["readiness"] for o in client_for(ALPINE_COACH).data(directory)["organisations"]}
    assert kept[withdrawn] is not None


def test_nor_changes_them_nor_opens_their_pages(client_for: ClientFor, demo_services: Services, withdrawn: str) -> None:
    sam = client_for(SECOND_COACH)
    before = events_in_log(demo_services)
    decided = sam.data(
        """mutation($input: DecideSoaControlInput!) { r: decideSoaControl(input: $input) { __typename
            ... on UserError { code field } } }""",
        {"input": {"organisationId": withdrawn, "control": "5.2", "applicable": False, "justification": "Mine now"}},
    )["r"]
    assert decided == {"__typename": "NotFoundError", "code": "NOT_FOUND", "field": "organisationId"}
    assert events_in_log(demo_services) == before
    for page in ("risks", "soa", "assets", "documents", "context", "itil", "isms", "readiness"):
        assert sam.http.get(f"/organisations/{withdrawn}/{page}").status_code == 404, page
