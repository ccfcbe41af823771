"""Reading and changing the members' comparison through the API."""

from __future__ import annotations

import uuid
from typing import Any

from backend.services import Services
from domain.comparison.commands import GiveComparisonConsent, WithdrawComparisonConsent
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.consultancy import consultancy_id
from tests.support.graphql_client import GraphQLClient

MULLER, LENA, ANA = "member@muller.example", "lena@kirchberg.example", "ana@moselle.example"
ALPINE_MEMBERS = (MULLER, LENA, ANA)
ALPINE_NAMES = ("Boulangerie Muller", "Kirchberg Dental", "Moselle Logistics")
FIGURES = "figures { key group unit own median minimum maximum }"
COMPARISON = f"""query($id: ID!) {{ c: clusterComparison(clusterId: $id) {{ __typename
    ... on ClusterComparison {{ clusterId contributors required viewerConsents
        viewerCan {{ giveConsent withdrawConsent }} {FIGURES} }}
    ... on NotEnoughMembersError {{ code message contributors required reason viewerConsents
        viewerCan {{ giveConsent withdrawConsent }} {FIGURES} }}
    ... on UserError {{ code field message }} }} }}"""
REFUSAL = "__typename ... on UserError { code field message }"
GIVE = f"""mutation($input: ComparisonConsentInput!) {{ r: giveComparisonConsent(input: $input) {{ {REFUSAL}
    ... on ComparisonConsentChange {{ consenting }} }} }}"""
WITHDRAW = f"""mutation($input: ComparisonConsentInput!) {{ r: withdrawComparisonConsent(input: $input) {{ {REFUSAL}
    ... on ComparisonConsentChange {{ consenting }} }} }}"""
THRESHOLD = f"""mutation($k: Int!) {{ r: setComparisonThreshold(input: {{k: $k}}) {{ {REFUSAL}
    ... on ComparisonThresholdChange {{ k }} }} }}"""


def comparison(client: GraphQLClient, cluster_id: str) -> dict[str, Any]:
    found: dict[str, Any] = client.data(COMPARISON, {"id": cluster_id})["c"]
    return found


def by_key(found: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {figure["key"]: figure for figure in found["figures"]}


def consent(services: Services, cluster_id: str, organisation_id: str, given: bool = True) -> None:
    """A member's ISMS manager consents (or withdraws), as set-up for a cluster whose members have no accounts."""
    command = GiveComparisonConsent if given else WithdrawComparisonConsent
    services.execute(command(consultancy_id("alpine"), SYSTEM_ACTOR, uuid.UUID(cluster_id), uuid.UUID(organisation_id)))
