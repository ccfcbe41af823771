"""A member organisation's consent to contribute its figures to its cluster's anonymised comparison."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.comparison.rules import can_give_consent, can_withdraw_consent
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import ValidationFailed

ALREADY_CONSENTING = "This organisation already contributes to the comparison."
NOT_CONSENTING = "This organisation does not contribute to the comparison."


def consent_id(tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> UUID:
    return tenant_scoped_id(tenant_id, "comparison-consent", f"{cluster_id}:{organisation_id}")


class ComparisonConsent(TenantAggregate):
    """One organisation's consent in one cluster: given, withdrawn, given again. Its id is named by both, and every
    event names both, so the read side needs nothing else."""

    @classmethod
    def give_first(cls, tenant_id: UUID, actor_id: UUID, cluster_id: UUID, organisation_id: UUID) -> ComparisonConsent:
        return cls(tenant_id=tenant_id, actor_id=actor_id, cluster_id=cluster_id, organisation_id=organisation_id)

    @staticmethod
    def create_id(tenant_id: UUID, cluster_id: UUID, organisation_id: UUID, **_: Any) -> UUID:
        return consent_id(tenant_id, cluster_id, organisation_id)

    @event("Given")
    def __init__(self, tenant_id: UUID, actor_id: UUID, cluster_id: UUID, organisation_id: UUID) -> None:
        self.tenant_id = tenant_id
        self.cluster_id = cluster_id
        self.organisation_id = organisation_id
        self.consenting = True

    def give(self, actor_id: UUID) -> None:
        if not can_give_consent(self.consenting):
            raise ValidationFailed("organisation_id", ALREADY_CONSENTING)
        self._given_again(actor_id, self.cluster_id, self.organisation_id)

    @event("GivenAgain")
    def _given_again(self, actor_id: UUID, cluster_id: UUID, organisation_id: UUID) -> None:
        self.consenting = True

    def withdraw(self, actor_id: UUID) -> None:
        """Later comparisons leave the organisation's figures out."""
        if not can_withdraw_consent(self.consenting):
            raise ValidationFailed("organisation_id", NOT_CONSENTING)
        self._withdrawn(actor_id, self.cluster_id, self.organisation_id)

    @event("Withdrawn")
    def _withdrawn(self, actor_id: UUID, cluster_id: UUID, organisation_id: UUID) -> None:
        self.consenting = False
