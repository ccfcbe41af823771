"""Integration clients: a program of the consultancy's (monitoring, a ticket system) that signs in with a client id
and secret to act for one member organisation, within the scopes an admin gave it."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.domain import event

from domain.shared.aggregate import TenantAggregate
from domain.shared.errors import ValidationFailed, every_check
from domain.shared.text import REASON_MAX_LENGTH, multi_line, single_line
from domain.tenancy.account import check_key_hash, check_scopes

CLIENT_NAME_MAX_LENGTH = 100


class IntegrationClient(TenantAggregate):
    """Registered by a consultancy admin; its secret is shown once and kept only as its SHA-256 hash."""

    @classmethod
    def register(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        client_id: UUID,
        name: str,
        organisation_id: UUID,
        scopes: list[str],
        secret_hash: str,
    ) -> IntegrationClient:
        name, scopes, *_ = every_check(
            lambda: single_line("name", name, CLIENT_NAME_MAX_LENGTH),
            lambda: check_scopes(scopes),
            lambda: check_key_hash(secret_hash, "A client secret", "secret_hash"),
        )
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            client_id=client_id,
            name=name,
            organisation_id=organisation_id,
            scopes=scopes,
            secret_hash=secret_hash,
        )

    @staticmethod
    def create_id(
        tenant_id: UUID,
        actor_id: UUID,
        client_id: UUID,
        name: str,
        organisation_id: UUID,
        scopes: list[str],
        secret_hash: str,
    ) -> UUID:
        return client_id

    @event("Registered")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        client_id: UUID,
        name: str,
        organisation_id: UUID,
        scopes: list[str],
        secret_hash: str,
    ) -> None:
        self.tenant_id = tenant_id
        self.name = name
        self.organisation_id = organisation_id
        self.scopes = scopes
        self.secret_hash = secret_hash
        self.revoked = False

    def revoke(self, actor_id: UUID, reason: str) -> None:
        """The client can no longer get access tokens, and those it holds stop at once."""
        if self.revoked:
            raise ValidationFailed("client_id", "This client is revoked already.")
        self._revoked(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH, required=False))

    @event("Revoked")
    def _revoked(self, actor_id: UUID, reason: str) -> None:
        self.revoked = True
