"""The labelling body, a tenant of its own (not a consultancy), and the professionals' realm.

A labelling body's events live in its own tenant, in the same per-tenant log as a consultancy's; its staff are
ordinary accounts of that tenant. Professionals live in one realm of their own, the fixed tenant `PROFESSIONALS`:
a professional's account is opened there, and its id is the professional's id for every consultancy and for the
labelling body (see docs/professionals.md)."""

from __future__ import annotations

from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.shared.aggregate import CORDEE_NAMESPACE, TenantAggregate
from domain.shared.text import NAME_MAX_LENGTH, single_line, tenant_slug

PROFESSIONALS = uuid5(CORDEE_NAMESPACE, "professionals")
"""The professionals' realm: the tenant of every professional's account and of their consents, no consultancy's."""

BODY_NAME_MAX_LENGTH = NAME_MAX_LENGTH


def labelling_body_id(slug: str) -> UUID:
    return uuid5(CORDEE_NAMESPACE, f"labelling-body:{slug}")


class LabellingBody(TenantAggregate):
    """A body that runs the label scheme. Its id is the tenant id of everything it owns."""

    @classmethod
    def create(cls, actor_id: UUID, name: str, slug: str) -> LabellingBody:
        name = single_line("name", name, BODY_NAME_MAX_LENGTH)
        slug = tenant_slug("slug", slug)
        return cls(tenant_id=labelling_body_id(slug), actor_id=actor_id, name=name, slug=slug)

    @staticmethod
    def create_id(tenant_id: UUID, actor_id: UUID, name: str, slug: str) -> UUID:
        return tenant_id

    @event("Created")
    def __init__(self, tenant_id: UUID, actor_id: UUID, name: str, slug: str) -> None:
        self.tenant_id = tenant_id
        self.name = name
        self.slug = slug
