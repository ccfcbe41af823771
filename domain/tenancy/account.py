"""User accounts: who may sign in, for which consultancy, with which roles."""

from __future__ import annotations

import re
from enum import StrEnum
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.shared.aggregate import CORDEE_NAMESPACE, TenantAggregate
from domain.shared.errors import ValidationFailed
from domain.shared.text import required_text

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Role(StrEnum):
    CONSULTANCY_ADMIN = "consultancy_admin"
    COACH = "coach"


def normalise_email(email: str) -> str:
    cleaned = (email or "").strip().lower()
    if not _EMAIL.match(cleaned) or len(cleaned) > 254:
        raise ValidationFailed("email", "Enter an e-mail address such as name@example.org.")
    return cleaned


def account_id(email: str) -> UUID:
    """An e-mail address is one sign-in, across all consultancies, so its id lives in the global namespace."""
    return uuid5(CORDEE_NAMESPACE, f"account:{normalise_email(email)}")


class Account(TenantAggregate):
    """A person's sign-in. The password is kept only as a hash made outside the domain."""

    @classmethod
    def open(
        cls, tenant_id: UUID, actor_id: UUID, email: str, display_name: str, password_hash: str, roles: list[Role]
    ) -> Account:
        if not roles:
            raise ValidationFailed("roles", "Give the account at least one role.")
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            email=normalise_email(email),
            display_name=required_text("display_name", display_name),
            password_hash=required_text("password_hash", password_hash, max_length=1000),
            roles=sorted({Role(role).value for role in roles}),
        )

    @staticmethod
    def create_id(
        tenant_id: UUID, actor_id: UUID, email: str, display_name: str, password_hash: str, roles: list[str]
    ) -> UUID:
        return account_id(email)

    @event("Opened")
    def __init__(
        self, tenant_id: UUID, actor_id: UUID, email: str, display_name: str, password_hash: str, roles: list[str]
    ) -> None:
        self.tenant_id = tenant_id
        self.email = email
        self.display_name = display_name
        self.password_hash = password_hash
        self.roles = [Role(role) for role in roles]

    def has_role(self, role: Role) -> bool:
        return role in self.roles
