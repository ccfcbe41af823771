"""The principal of a request, built from its session; resolvers read it from the context, never from arguments."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.tenancy.account import Role


@dataclass(frozen=True)
class Principal:
    account_id: UUID
    tenant_id: UUID
    display_name: str
    email: str
    roles: frozenset[Role]
    csrf_token: str
    organisation_id: UUID | None = None
    """The member organisation a member account acts for."""

    def has_role(self, role: Role) -> bool:
        return role in self.roles
