"""Commands on the labelling body and on the professional links between consultancies' coaches and professionals."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class CreateLabellingBody:
    """A labelling body, a tenant of its own; the operator creates it (`cordee labels create-body`)."""

    actor_id: UUID
    name: str
    slug: str


@dataclass(frozen=True)
class RequestProfessionalLink:
    """A consultancy's admin asks to link one of its coach accounts to the professional with this e-mail."""

    tenant_id: UUID
    actor_id: UUID
    coach_id: UUID
    email: str


@dataclass(frozen=True)
class EndProfessionalLink:
    """The consultancy ends its link (or withdraws its request)."""

    tenant_id: UUID
    actor_id: UUID
    link_id: UUID


@dataclass(frozen=True)
class AnswerProfessionalLink:
    """The professional consents to a request addressed to their e-mail, or declines it. `tenant_id` is the realm;
    `consultancy_id` the tenant the request was made in; the professional is the actor, whose account says their
    e-mail address and name."""

    tenant_id: UUID
    actor_id: UUID
    consultancy_id: UUID
    link_id: UUID
    consenting: bool


@dataclass(frozen=True)
class EndProfessionalConsent:
    """The professional ends a link they consented to."""

    tenant_id: UUID
    actor_id: UUID
    consultancy_id: UUID
    link_id: UUID
