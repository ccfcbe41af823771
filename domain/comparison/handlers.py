"""The comparison's command handlers: only a current member of the cluster consents (read from the cluster)."""

from __future__ import annotations

from uuid import UUID

from domain.clusters.cluster import Cluster
from domain.clusters.membership import active_member
from domain.comparison.commands import GiveComparisonConsent, WithdrawComparisonConsent
from domain.comparison.consent import ALREADY_CONSENTING, NOT_CONSENTING, ComparisonConsent, consent_id
from domain.shared.errors import ValidationFailed
from domain.shared.ports import Handler, Store
from domain.shared.service import Saved


def give_comparison_consent(app: Store, cmd: GiveComparisonConsent) -> Saved:
    _check_current_member(app, cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
    found = consent_id(cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
    if not app.exists(ComparisonConsent, cmd.tenant_id, found):
        consent = ComparisonConsent.give_first(cmd.tenant_id, cmd.actor_id, cmd.cluster_id, cmd.organisation_id)
        return app.save_new(consent, "organisation_id", ALREADY_CONSENTING)
    consent = app.get(ComparisonConsent, cmd.tenant_id, found, "organisation_id")
    consent.give(cmd.actor_id)
    return app.save_changes(consent)


def withdraw_comparison_consent(app: Store, cmd: WithdrawComparisonConsent) -> Saved:
    _check_current_member(app, cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
    found = consent_id(cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
    if not app.exists(ComparisonConsent, cmd.tenant_id, found):
        raise ValidationFailed("organisation_id", NOT_CONSENTING)  # never given
    consent = app.get(ComparisonConsent, cmd.tenant_id, found, "organisation_id")
    consent.withdraw(cmd.actor_id)
    return app.save_changes(consent)


def _check_current_member(app: Store, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> None:
    """Admitted and not withdrawn (ValidationFailed on `organisation_id` otherwise)."""
    cluster = app.get(Cluster, tenant_id, cluster_id, "cluster_id")
    active_member(cluster.members, "organisation_id", organisation_id)


HANDLERS: dict[type, Handler] = {
    GiveComparisonConsent: give_comparison_consent,
    WithdrawComparisonConsent: withdraw_comparison_consent,
}
