"""What each role may do, as `backend.policy` decides over every declared action by the authorization matrix."""

from __future__ import annotations

from uuid import uuid4

import pytest

from backend.auth.principal import Principal, Reach
from backend.graphql.actions import action_catalog
from backend.graphql.risks.actions import ACCEPT_RISK
from backend.graphql.tenancy.actions import GRANT_ROLES, INVITE_OWN_PEOPLE
from backend.policy import authorize_grant, authorize_invitation, may
from domain.shared.errors import Forbidden, NotFound
from domain.tenancy.account import Role

TENANT, ORGANISATION = uuid4(), uuid4()
APPROVALS = {
    "changes.approve_change",
    "documents.approve_version",
    "documents.publish_version",
    "reviews.close_review",
    "risks.accept_risk",
    "soa.approve_soa",
    "nonconformities.close_nonconformity",
}


def principal(*roles: Role) -> Principal:
    return Principal(uuid4(), TENANT, "Someone", "someone@example.org", frozenset(roles), "csrf", ORGANISATION)


def test_every_action_has_one_stable_name() -> None:
    catalog = action_catalog()
    assert len(catalog) >= 100 and len(set(map(id, catalog.values()))) == len(catalog)
    assert ACCEPT_RISK.name == "risks.accept_risk" and catalog["risks.accept_risk"] is ACCEPT_RISK
    assert {name for name, action in catalog.items() if action.approves} >= APPROVALS


def test_a_contributor_approves_nothing_and_does_nothing_an_isms_manager_may_not() -> None:
    manager, contributor, stored = principal(Role.ISMS_MANAGER), principal(Role.CONTRIBUTOR), principal(Role.MEMBER)
    for name, action in action_catalog().items():
        assert may(manager, action) == may(stored, action), name
        if may(contributor, action):
            assert may(manager, action) and not action.approves, name


@pytest.mark.parametrize("role", [Role.VIEWER, Role.AUDITOR])
def test_a_viewer_and_an_auditor_do_nothing_but_change_their_own_password(role: Role) -> None:
    allowed = {name for name, action in action_catalog().items() if may(principal(role), action)}
    assert allowed == {"tenancy.change_own_password"}
    assert [grant.reach for grant in principal(role).grants] == [Reach.OWN_ORGANISATION]


def test_an_isms_manager_grants_their_own_organisation_s_working_roles_only() -> None:
    action = GRANT_ROLES
    manager = principal(Role.ISMS_MANAGER)
    for role in (Role.ISMS_MANAGER, Role.CONTRIBUTOR, Role.VIEWER):
        authorize_grant(manager, action, role, ORGANISATION)
    for role in (Role.AUDITOR, Role.COACH, Role.CONSULTANCY_ADMIN):
        with pytest.raises(Forbidden):
            authorize_grant(manager, action, role, ORGANISATION)
    with pytest.raises(NotFound):
        authorize_grant(manager, action, Role.VIEWER, uuid4())  # another organisation's person: as a missing one
    with pytest.raises(Forbidden):
        authorize_grant(principal(Role.CONTRIBUTOR), action, Role.VIEWER, ORGANISATION)
    authorize_grant(principal(Role.CONSULTANCY_ADMIN), action, Role.AUDITOR, None)


def test_an_isms_manager_invites_their_own_organisation_s_working_roles_only() -> None:
    manager = principal(Role.ISMS_MANAGER)
    for role in (Role.ISMS_MANAGER, Role.CONTRIBUTOR, Role.VIEWER):
        authorize_invitation(manager, INVITE_OWN_PEOPLE, role, ORGANISATION)
    for role, organisation in [(Role.AUDITOR, ORGANISATION), (Role.COACH, None), (Role.VIEWER, uuid4())]:
        with pytest.raises(Forbidden, match="their own organisation's"):
            authorize_invitation(manager, INVITE_OWN_PEOPLE, role, organisation)
    with pytest.raises(Forbidden, match="invite your organisation's people"):
        authorize_invitation(principal(Role.CONTRIBUTOR), INVITE_OWN_PEOPLE, Role.VIEWER, ORGANISATION)
    authorize_invitation(principal(Role.CONSULTANCY_ADMIN), INVITE_OWN_PEOPLE, Role.AUDITOR, ORGANISATION)
