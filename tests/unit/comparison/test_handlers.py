"""Consent through the application: only a current member of the cluster consents, once at a time; the
consultancy's k stays within 3 to 20. A refused command writes nothing."""

from __future__ import annotations

import pytest

from domain.clusters.commands import WithdrawMember
from domain.comparison.commands import GiveComparisonConsent, WithdrawComparisonConsent
from domain.comparison.consent import ComparisonConsent, consent_id
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from domain.tenancy.commands import SetComparisonThreshold
from domain.tenancy.consultancy import Consultancy
from tests.unit.programme_scenario import Scenario


@pytest.fixture(scope="module")
def s() -> Scenario:
    return Scenario()


def refused(s: Scenario, command: object, error: type[DomainError], field: str) -> None:
    before = s.position()
    with pytest.raises(error) as raised:
        s.app.handle(command)
    assert raised.value.field == field
    assert s.position() == before


def test_a_member_consents_withdraws_and_consents_again(s: Scenario) -> None:
    give = GiveComparisonConsent(s.tenant, SYSTEM_ACTOR, s.running, s.members[0])
    s.app.handle(give)
    refused(s, give, ValidationFailed, "organisation_id")
    withdraw = WithdrawComparisonConsent(s.tenant, SYSTEM_ACTOR, s.running, s.members[0])
    s.app.handle(withdraw)
    refused(s, withdraw, ValidationFailed, "organisation_id")
    s.app.handle(give)
    consent = s.app.get(ComparisonConsent, s.tenant, consent_id(s.tenant, s.running, s.members[0]))
    assert consent.consenting and consent.version == 3


def test_only_a_current_member_consents(s: Scenario) -> None:
    never_admitted = GiveComparisonConsent(s.tenant, SYSTEM_ACTOR, s.running, s.members[3])
    refused(s, never_admitted, ValidationFailed, "organisation_id")
    refused(s, WithdrawComparisonConsent(s.tenant, SYSTEM_ACTOR, s.running, s.members[1]), ValidationFailed,
            "organisation_id")  # fmt: skip
    refused(s, GiveComparisonConsent(s.tenant, SYSTEM_ACTOR, s.members[0], s.members[0]), NotFound, "cluster_id")
    s.app.handle(WithdrawMember(s.tenant, SYSTEM_ACTOR, s.forming, s.members[1], s.started_on, "Moved away"))
    refused(s, GiveComparisonConsent(s.tenant, SYSTEM_ACTOR, s.forming, s.members[1]), ValidationFailed,
            "organisation_id")  # fmt: skip


@pytest.mark.parametrize("k", [2, 21, -1])
def test_k_stays_from_three_to_twenty(s: Scenario, k: int) -> None:
    refused(s, SetComparisonThreshold(s.tenant, SYSTEM_ACTOR, k), ValidationFailed, "k")


def test_the_consultancy_records_its_k(s: Scenario) -> None:
    s.app.handle(SetComparisonThreshold(s.tenant, SYSTEM_ACTOR, 5))
    assert s.app.get(Consultancy, s.tenant, s.tenant).comparison_threshold == 5
