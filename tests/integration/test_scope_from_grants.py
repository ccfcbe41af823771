"""The scope each principal reads with is built by the policy from its grants, valid on the day."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

import pytest

from backend.auth.principal import Grant, Principal, Reach
from backend.policy import scope_for
from domain.shared.errors import Forbidden
from domain.tenancy.account import Role
from projections.queries import Scope

TENANT, ACCOUNT, ORGANISATION = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def principal(*roles: Role, organisation_id: uuid.UUID | None = None) -> Principal:
    return Principal(ACCOUNT, TENANT, "Someone", "someone@example.org", frozenset(roles), "csrf", organisation_id)


def test_an_admin_sees_the_whole_consultancy() -> None:
    assert scope_for(principal(Role.CONSULTANCY_ADMIN, Role.COACH)) == Scope(TENANT)


def test_a_coach_sees_the_clusters_they_lead() -> None:
    assert scope_for(principal(Role.COACH)) == Scope(TENANT, coach_id=ACCOUNT)


def test_a_member_sees_its_own_organisation() -> None:
    assert scope_for(principal(Role.MEMBER, organisation_id=ORGANISATION)) == Scope(
        TENANT, organisation_id=ORGANISATION
    )


@dataclass(frozen=True)
class Expired(Principal):
    @property
    def grants(self) -> tuple[Grant, ...]:
        return (Grant(Reach.OWN_ORGANISATION, ORGANISATION, valid_until=date(2026, 1, 31)),)


def test_a_grant_out_of_its_window_shows_nothing() -> None:
    expired = Expired(ACCOUNT, TENANT, "Someone", "someone@example.org", frozenset({Role.MEMBER}), "csrf")
    assert scope_for(expired, date(2026, 1, 31)) == Scope(TENANT, organisation_id=ORGANISATION)
    with pytest.raises(Forbidden):
        scope_for(expired, date(2026, 2, 1))
