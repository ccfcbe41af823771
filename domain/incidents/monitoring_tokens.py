"""A monitoring token: the secret an organisation's monitoring (Nagios, Icinga, …) sends with its alerts. Issued and
revoked by the organisation's member account or a consultancy admin; only its SHA-256 hash is kept, so the token is
shown once, when it is issued. Each token belongs to one organisation and opens incidents of that one only."""

from __future__ import annotations

import re
from uuid import UUID

from eventsourcing.domain import event

from domain.shared.aggregate import TenantAggregate
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, single_line

LABEL_MAX_LENGTH = NAME_MAX_LENGTH
KEY_HASH = re.compile(r"[0-9a-f]{64}")


class MonitoringToken(TenantAggregate):
    @classmethod
    def issue(
        cls, tenant_id: UUID, actor_id: UUID, token_id: UUID, organisation_id: UUID, key_hash: str, label: str
    ) -> MonitoringToken:
        """A new token named by `label` (which monitoring uses it), given as the hash of its secret."""
        if not isinstance(key_hash, str) or not KEY_HASH.fullmatch(key_hash):
            raise ValidationFailed("key_hash", "A monitoring token is kept as its SHA-256 hash: 64 hexadecimal digits.")
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            token_id=token_id,
            organisation_id=organisation_id,
            key_hash=key_hash,
            label=single_line("label", label, LABEL_MAX_LENGTH),
        )

    @staticmethod
    def create_id(token_id: UUID, **_: object) -> UUID:
        return token_id

    @event("Issued")
    def __init__(
        self, tenant_id: UUID, actor_id: UUID, token_id: UUID, organisation_id: UUID, key_hash: str, label: str
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.revoked = False

    def revoke(self, actor_id: UUID) -> None:
        """The token stops working at once; alerts sent with it are refused as if it never existed."""
        if self.revoked:
            raise ValidationFailed("token_id", "This token is revoked already.")
        self._revoked(actor_id)

    @event("Revoked")
    def _revoked(self, actor_id: UUID) -> None:
        self.revoked = True
