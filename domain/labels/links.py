"""A consultancy's link between one of its coach accounts and a professional, with the professional's consent.

Two facts, each written where it belongs: the consultancy's request (and its end) in the consultancy's tenant, on a
`ProfessionalLink`; the professional's answer (consent or refusal, and the end of a consent) in the professionals'
realm, on a `ProfessionalConsent`. A link is in force while the request stands and the consent stands. A request
names the professional by e-mail; whether such a professional exists is never told to the consultancy."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.labels.body import PROFESSIONALS
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import Conflict, ValidationFailed

ALREADY_REQUESTED = "A link of this coach to this professional is already asked or in force; end it first."
ALREADY_ENDED = "This link is already ended."
ALREADY_ANSWERED = "This request is already answered."
NOT_IN_FORCE = "You did not consent to this link, or it is already ended."
NO_REQUEST = "No request with this id."
"""The answer to a request not addressed to the professional, the same as to one that does not exist."""


def link_id(tenant_id: UUID, coach_id: UUID, email: str) -> UUID:
    return tenant_scoped_id(tenant_id, "professional-link", f"{coach_id}:{email}")


def consent_id(consultancy_id: UUID, link: UUID, round_: int) -> UUID:
    return tenant_scoped_id(PROFESSIONALS, "professional-consent", f"{consultancy_id}:{link}:{round_}")


class ProfessionalLink(TenantAggregate):
    """The consultancy's side: asked for one coach account and one professional's e-mail, ended, asked again. Each
    asking opens a new round, answered by a consent of its own. Its events carry the names the read side shows."""

    @classmethod
    def request(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        coach_id: UUID,
        email: str,
        names: tuple[str, str],
        on: date,
    ) -> ProfessionalLink:
        """`names`: the coach account's and the consultancy's."""
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            coach_id=coach_id,
            professional_email=email,
            coach_name=names[0],
            consultancy_name=names[1],
            on=on,
        )

    @staticmethod
    def create_id(tenant_id: UUID, coach_id: UUID, professional_email: str, **_: Any) -> UUID:
        return link_id(tenant_id, coach_id, professional_email)

    @event("Requested")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        coach_id: UUID,
        professional_email: str,
        coach_name: str,
        consultancy_name: str,
        on: date,
    ) -> None:
        self.tenant_id = tenant_id
        self.coach_id = coach_id
        self.professional_email = professional_email
        self.round = 1
        self.ended = False

    def request_again(self, actor_id: UUID, names: tuple[str, str], on: date) -> None:
        """Only once the consultancy ended the last round (a refusal or the professional's end leaves it standing
        until the consultancy ends it too)."""
        if not self.ended:
            raise Conflict(ALREADY_REQUESTED, "email")
        self._requested_again(actor_id, self.round + 1, names[0], names[1], on)

    @event("RequestedAgain")
    def _requested_again(
        self,
        actor_id: UUID,
        round: int,
        coach_name: str,
        consultancy_name: str,
        on: date,
    ) -> None:
        self.round = round
        self.ended = False

    def end(self, actor_id: UUID, on: date) -> None:
        if self.ended:
            raise ValidationFailed("link_id", ALREADY_ENDED)
        self._ended(actor_id, self.round, on)

    @event("Ended")
    def _ended(self, actor_id: UUID, round: int, on: date) -> None:
        self.ended = True


class ProfessionalConsent(TenantAggregate):
    """The professional's answer to one round of a consultancy's request, in the professionals' realm: consented or
    declined, and a consent ended later. The actor is the professional."""

    @classmethod
    def answer(
        cls, actor_id: UUID, link: ProfessionalLink, professional_name: str, consenting: bool, on: date
    ) -> ProfessionalConsent:
        return cls(
            tenant_id=PROFESSIONALS,
            actor_id=actor_id,
            consultancy_id=link.tenant_id,
            link_id=link.id,
            round=link.round,
            professional_id=actor_id,
            professional_name=professional_name,
            consenting=consenting,
            on=on,
        )

    @staticmethod
    def create_id(consultancy_id: UUID, link_id: UUID, round: int, **_: Any) -> UUID:
        return consent_id(consultancy_id, link_id, round)

    @event("Answered")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        consultancy_id: UUID,
        link_id: UUID,
        round: int,
        professional_id: UUID,
        professional_name: str,
        consenting: bool,
        on: date,
    ) -> None:
        self.tenant_id = tenant_id
        self.consultancy_id = consultancy_id
        self.link_id = link_id
        self.round = round
        self.professional_id = professional_id
        self.consenting = consenting

    def end(self, actor_id: UUID, on: date) -> None:
        if not self.consenting:
            raise ValidationFailed("link_id", NOT_IN_FORCE)
        self._ended(actor_id, self.consultancy_id, self.link_id, on)

    @event("Ended")
    def _ended(self, actor_id: UUID, consultancy_id: UUID, link_id: UUID, on: date) -> None:
        self.consenting = False
