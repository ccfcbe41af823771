"""The consultancy: the tenant. Everything else lives inside one."""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.programme_template.template import DEFAULT_TEMPLATE, ProgrammeTemplate
from domain.shared.aggregate import CORDEE_NAMESPACE, TenantAggregate
from domain.shared.errors import ValidationFailed, every_check
from domain.shared.text import NAME_MAX_LENGTH, single_line, tenant_slug
from domain.tenancy.single_sign_on import (
    SingleSignOnSettings,
    check_client_identifier,
    check_domains,
    check_fingerprint,
    check_issuer,
)

BASELINE_DAYS_MAX = 2000
COMPARISON_THRESHOLD_MIN = 3
COMPARISON_THRESHOLD_MAX = 20
"""The members' comparison is shown only when at least k organisations contribute (docs/comparison.md)."""
CONSULTANCY_NAME_MAX_LENGTH = NAME_MAX_LENGTH


def consultancy_id(slug: str) -> UUID:
    return uuid5(CORDEE_NAMESPACE, f"consultancy:{slug}")


class Consultancy(TenantAggregate):
    """A coaching consultancy. Its id is the tenant id of everything it owns."""

    @classmethod
    def create(cls, actor_id: UUID, name: str, slug: str) -> Consultancy:
        name = single_line("name", name, CONSULTANCY_NAME_MAX_LENGTH)
        slug = tenant_slug("slug", slug)
        return cls(tenant_id=consultancy_id(slug), actor_id=actor_id, name=name, slug=slug)

    @staticmethod
    def create_id(tenant_id: UUID, actor_id: UUID, name: str, slug: str) -> UUID:
        return tenant_id

    @event("Created")
    def __init__(self, tenant_id: UUID, actor_id: UUID, name: str, slug: str) -> None:
        self.tenant_id = tenant_id
        self.name = name
        self.slug = slug
        self.allows_clusters_above_standard_size = False
        self.templates: list[ProgrammeTemplate] = [DEFAULT_TEMPLATE]
        self.single_organisation_baseline_days: float | None = None
        self.deactivated_admins: set[UUID] = set()
        self.requires_second_factor = False
        self.single_sign_on: SingleSignOnSettings | None = None

    @property
    def template(self) -> ProgrammeTemplate:
        """The current programme template; clusters keep the version they were planned with."""
        return self.templates[-1]

    @property
    def cluster_size_limit(self) -> int | None:
        """The most members a cluster may have, or None when the consultancy lifted the limit."""
        return None if self.allows_clusters_above_standard_size else self.template.cluster_size_max

    def change_template(self, actor_id: UUID, template: ProgrammeTemplate) -> ProgrammeTemplate:
        """Records a new version of the template; the version number is the consultancy's to give."""
        versioned = ProgrammeTemplate.from_record({**template.as_record(), "version": self.template.version + 1})
        self._template_changed(actor_id, versioned.checked().as_record())
        return self.template

    @event("ProgrammeTemplateChanged")
    def _template_changed(self, actor_id: UUID, template: dict[str, object]) -> None:
        self.templates.append(ProgrammeTemplate.from_record(template))

    def set_single_organisation_baseline(self, actor_id: UUID, days: float) -> None:
        """The days a single-organisation project takes here: what the effort report compares clusters with."""
        if not 0.5 <= days <= BASELINE_DAYS_MAX:
            raise ValidationFailed("days", f"Give a number of days from 0.5 to {BASELINE_DAYS_MAX}.")
        self._baseline_set(actor_id, round(days * 2) / 2)

    @event("SingleOrganisationBaselineSet")
    def _baseline_set(self, actor_id: UUID, days: float) -> None:
        self.single_organisation_baseline_days = days

    def set_comparison_threshold(self, actor_id: UUID, k: int) -> None:
        """How many organisations must contribute before a cluster's members see their comparison (never below 3)."""
        if not COMPARISON_THRESHOLD_MIN <= k <= COMPARISON_THRESHOLD_MAX:
            raise ValidationFailed(
                "k", f"Give a number of organisations from {COMPARISON_THRESHOLD_MIN} to {COMPARISON_THRESHOLD_MAX}."
            )
        self._comparison_threshold_set(actor_id, k)

    @event("ComparisonThresholdSet")
    def _comparison_threshold_set(self, actor_id: UUID, k: int) -> None:
        self.comparison_threshold = k

    def record_admin_deactivated(self, actor_id: UUID, account_id: UUID) -> None:
        """Notes on the consultancy's own stream that one of its admins was deactivated (the account's stream has the
        reason). Deactivations are then decided one at a time, on what this stream says, never on a read model that
        may not show the latest one yet."""
        self._admin_deactivated(actor_id, account_id)

    @event("AdminDeactivated")
    def _admin_deactivated(self, actor_id: UUID, account_id: UUID) -> None:
        self.deactivated_admins.add(account_id)

    def record_admin_reactivated(self, actor_id: UUID, account_id: UUID) -> None:
        self._admin_reactivated(actor_id, account_id)

    @event("AdminReactivated")
    def _admin_reactivated(self, actor_id: UUID, account_id: UUID) -> None:
        self.deactivated_admins.discard(account_id)

    def set_large_clusters_allowed(self, actor_id: UUID, allowed: bool) -> None:
        if allowed != self.allows_clusters_above_standard_size:
            self._large_clusters_setting_changed(actor_id, allowed)

    @event("LargeClustersSettingChanged")
    def _large_clusters_setting_changed(self, actor_id: UUID, allowed: bool) -> None:
        self.allows_clusters_above_standard_size = allowed

    def set_second_factor_required(self, actor_id: UUID, required: bool) -> None:
        """Whether the consultancy's admins and coaches must sign in with a second factor."""
        if required != getattr(self, "requires_second_factor", False):
            self._second_factor_requirement_changed(actor_id, required)

    @event("SecondFactorRequirementChanged")
    def _second_factor_requirement_changed(self, actor_id: UUID, required: bool) -> None:
        self.requires_second_factor = required

    def configure_single_sign_on(
        self,
        actor_id: UUID,
        issuer: str,
        client_identifier: str,
        allowed_domains: tuple[str, ...],
        enabled: bool,
        secret_fingerprint: str | None,
    ) -> None:
        """The consultancy's OpenID provider. The secret is kept outside the events; `secret_fingerprint` names a new
        one, None keeps the current one."""
        current = self.single_sign_on.secret_fingerprint if self.single_sign_on else None
        issuer, client_identifier, allowed_domains, secret_fingerprint = every_check(
            lambda: check_issuer(issuer),
            lambda: check_client_identifier(client_identifier),
            lambda: check_domains(allowed_domains),
            lambda: check_fingerprint(secret_fingerprint, current),
        )
        settings = SingleSignOnSettings(issuer, client_identifier, allowed_domains, bool(enabled), secret_fingerprint)
        if settings != self.single_sign_on:
            self._single_sign_on_configured(
                actor_id, issuer, client_identifier, list(allowed_domains), bool(enabled), secret_fingerprint
            )

    @event("SingleSignOnConfigured")
    def _single_sign_on_configured(
        self,
        actor_id: UUID,
        issuer: str,
        client_identifier: str,
        allowed_domains: list[str],
        enabled: bool,
        secret_fingerprint: str,
    ) -> None:
        self.single_sign_on = SingleSignOnSettings(
            issuer, client_identifier, tuple(allowed_domains), enabled, secret_fingerprint
        )
