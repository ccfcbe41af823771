"""User accounts: who may sign in, for which consultancy, with which roles."""

from __future__ import annotations

import re
from enum import StrEnum
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.shared.aggregate import CORDEE_NAMESPACE, TenantAggregate
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, single_line

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_KEY_HASH = re.compile(r"[0-9a-f]{64}")

EMAIL_MAX_LENGTH = 254
"""The longest address SMTP can deliver to (RFC 5321)."""
DISPLAY_NAME_MAX_LENGTH = NAME_MAX_LENGTH
PASSWORD_HASH_MAX_LENGTH = 1000


class Role(StrEnum):
    CONSULTANCY_ADMIN = "consultancy_admin"
    COACH = "coach"
    MEMBER = "member"
    """Someone of a member organisation: sees their own organisation's work and the cluster's shared view."""


def normalise_email(email: str) -> str:
    cleaned = single_line("email", (email or "").lower(), EMAIL_MAX_LENGTH)
    if not _EMAIL.fullmatch(cleaned):
        raise ValidationFailed("email", "Enter an e-mail address such as name@example.org.")
    return cleaned


def account_id(email: str) -> UUID:
    """An e-mail address is one sign-in, across all consultancies, so its id lives in the global namespace."""
    return uuid5(CORDEE_NAMESPACE, f"account:{normalise_email(email)}")


class Account(TenantAggregate):
    """A person's sign-in. The password is kept only as a hash made outside the domain."""

    @classmethod
    def open(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        email: str,
        display_name: str,
        password_hash: str,
        roles: list[Role],
        organisation_id: UUID | None = None,
    ) -> Account:
        if not roles:
            raise ValidationFailed("roles", "Give the account at least one role.")
        if (Role.MEMBER in roles) != (organisation_id is not None):
            raise ValidationFailed(
                "organisation_id", "A member account, and only a member account, names its organisation."
            )
        if Role.MEMBER in roles and len(set(roles)) > 1:
            raise ValidationFailed("roles", "A member of an organisation holds no consultancy role.")
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            email=normalise_email(email),
            display_name=single_line("display_name", display_name, DISPLAY_NAME_MAX_LENGTH),
            password_hash=single_line("password_hash", password_hash, PASSWORD_HASH_MAX_LENGTH),
            roles=sorted({Role(role).value for role in roles}),
            organisation_id=organisation_id,
        )

    @staticmethod
    def create_id(
        tenant_id: UUID,
        actor_id: UUID,
        email: str,
        display_name: str,
        password_hash: str,
        roles: list[str],
        organisation_id: UUID | None,
    ) -> UUID:
        return account_id(email)

    @event("Opened")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        email: str,
        display_name: str,
        password_hash: str,
        roles: list[str],
        organisation_id: UUID | None,
    ) -> None:
        self.tenant_id = tenant_id
        self.email = email
        self.display_name = display_name
        self.password_hash = password_hash
        self.roles = [Role(role) for role in roles]
        self.organisation_id = organisation_id
        self.calendar_key_hash: str | None = None

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def change_password(self, actor_id: UUID, password_hash: str) -> None:
        """A person changes their own password; the hash is made, and the password checked, outside the domain."""
        self._check_own(actor_id, "A password is changed by its own account only.")
        self._password_changed(actor_id, single_line("password_hash", password_hash, PASSWORD_HASH_MAX_LENGTH))

    @event("PasswordChanged")
    def _password_changed(self, actor_id: UUID, password_hash: str) -> None:
        self.password_hash = password_hash

    def issue_calendar_key(self, actor_id: UUID, key_hash: str) -> None:
        """A new secret for the person's calendar feed; any earlier one stops working. Only its hash is kept."""
        self._check_own(actor_id, "A calendar link is made by its own account only.")
        if not _KEY_HASH.fullmatch(key_hash or ""):
            raise ValidationFailed("key_hash", "A calendar key is kept as its SHA-256 hash, in hexadecimal.")
        self._calendar_key_issued(actor_id, key_hash)

    @event("CalendarKeyIssued")
    def _calendar_key_issued(self, actor_id: UUID, key_hash: str) -> None:
        self.calendar_key_hash = key_hash

    def revoke_calendar_key(self, actor_id: UUID) -> None:
        self._check_own(actor_id, "A calendar link is stopped by its own account only.")
        if self.calendar_key_hash is None:
            raise ValidationFailed("key_hash", "There is no calendar link to stop.")
        self._calendar_key_revoked(actor_id)

    @event("CalendarKeyRevoked")
    def _calendar_key_revoked(self, actor_id: UUID) -> None:
        self.calendar_key_hash = None

    def _check_own(self, actor_id: UUID, message: str) -> None:
        if actor_id != self.id:
            raise ValidationFailed("actor_id", message)
