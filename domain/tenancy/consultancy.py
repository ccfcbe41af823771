"""The consultancy: the tenant. Everything else lives inside one."""

from __future__ import annotations

import re
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.shared.aggregate import CORDEE_NAMESPACE, TenantAggregate
from domain.shared.errors import ValidationFailed
from domain.shared.text import required_text

STANDARD_CLUSTER_SIZE_LIMIT = 5
"""The cluster approach finds 3 to 5 organisations efficient; above 5 needs the consultancy's explicit setting."""

_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")


def consultancy_id(slug: str) -> UUID:
    return uuid5(CORDEE_NAMESPACE, f"consultancy:{slug}")


class Consultancy(TenantAggregate):
    """A coaching consultancy. Its id is the tenant id of everything it owns."""

    @classmethod
    def create(cls, actor_id: UUID, name: str, slug: str) -> Consultancy:
        name = required_text("name", name)
        slug = (slug or "").strip().lower()
        if not _SLUG.match(slug):
            raise ValidationFailed("slug", "Use 1 to 64 lower-case letters, digits or inner hyphens.")
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

    @property
    def cluster_size_limit(self) -> int | None:
        """The most members a cluster may have, or None when the consultancy lifted the limit."""
        return None if self.allows_clusters_above_standard_size else STANDARD_CLUSTER_SIZE_LIMIT

    def set_large_clusters_allowed(self, actor_id: UUID, allowed: bool) -> None:
        if allowed != self.allows_clusters_above_standard_size:
            self._large_clusters_setting_changed(actor_id, allowed)

    @event("LargeClustersSettingChanged")
    def _large_clusters_setting_changed(self, actor_id: UUID, allowed: bool) -> None:
        self.allows_clusters_above_standard_size = allowed
