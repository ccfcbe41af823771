"""The principal of a request, built from its session; resolvers read it from the context, never from arguments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from uuid import UUID

from domain.tenancy.account import ORGANISATION_ROLES, Role


class Reach(Enum):
    """How far a grant lets its holder see in a consultancy."""

    WHOLE_CONSULTANCY = "the whole consultancy"
    CLUSTERS_LED = "the clusters the coach leads, their organisations, and the organisations awaiting a cluster"
    OWN_ORGANISATION = "its organisation's clusters, and its organisation's own part of every register"


@dataclass(frozen=True)
class Grant:
    """What a principal may see: a reach, over whom (the coach who leads, or the organisation), and when.

    Derived from the roles of the account's grants valid today (the principal is built anew for every request, from
    the grants valid on its business day), and `backend.policy.scope_for` turns them into the scope the queries apply.
    """

    reach: Reach
    holder_id: UUID
    valid_from: date | None = None
    valid_until: date | None = None

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


@dataclass(frozen=True)
class Principal:
    account_id: UUID
    tenant_id: UUID
    display_name: str
    email: str
    roles: frozenset[Role]
    csrf_token: str
    organisation_id: UUID | None = None
    """The member organisation an account of an organisation acts for (its people, its auditor)."""
    reads_history: bool = False
    """Set while the principal reads the registers as of a past moment: history is read-only, it may do nothing."""
    scopes: frozenset[str] | None = None
    """For a request with an API access token: what the token may do (`read`, `write`); None for a session."""

    @property
    def by_token(self) -> bool:
        return self.scopes is not None

    def has_role(self, role: Role) -> bool:
        """`MEMBER` asks whether the principal is held to one organisation (its people and its auditor are)."""
        if role is Role.MEMBER:
            return bool(self.roles & ORGANISATION_ROLES)
        return role in self.roles

    @property
    def grants(self) -> tuple[Grant, ...]:
        """What the principal may see, from its roles."""
        grants = []
        if self.has_role(Role.CONSULTANCY_ADMIN):
            grants.append(Grant(Reach.WHOLE_CONSULTANCY, self.tenant_id))
        if self.has_role(Role.COACH):
            grants.append(Grant(Reach.CLUSTERS_LED, self.account_id))
        if self.roles & ORGANISATION_ROLES and self.organisation_id is not None:
            grants.append(Grant(Reach.OWN_ORGANISATION, self.organisation_id))
        return tuple(grants)
