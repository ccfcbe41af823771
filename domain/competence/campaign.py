"""An awareness campaign (ISO/IEC 27001 7.3): what the organisation did to make its people aware of the policy,
their part in the ISMS and what failing it means; who it was for, with which material, and who took part."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.competence.rules import can_withdraw
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import past_date
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, natural_key, single_line

CAMPAIGN_TITLE_MAX_LENGTH = NAME_MAX_LENGTH
AUDIENCE_MAX_LENGTH = NAME_MAX_LENGTH
MATERIAL_MAX_LENGTH = 2000
PARTICIPANT_MAX_LENGTH = NAME_MAX_LENGTH
MAX_PARTICIPANTS = 500


def checked_participants(participants: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The names of who took part, each on one line, each once (whatever its case or spacing)."""
    if len(participants) > MAX_PARTICIPANTS:
        raise ValidationFailed("participants", f"Name at most {MAX_PARTICIPANTS} people.")
    names: dict[str, str] = {}
    for given in participants:
        name = single_line("participants", given, PARTICIPANT_MAX_LENGTH, required=False)
        if name:
            names.setdefault(natural_key(name), name)
    return tuple(names.values())


class AwarenessCampaign(TenantAggregate):
    @classmethod
    def run(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        campaign_id: UUID,
        organisation_id: UUID,
        *,
        title: str,
        held_on: date,
        audience: str,
        material: str,
        participants: tuple[str, ...],
    ) -> AwarenessCampaign:
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            campaign_id=campaign_id,
            organisation_id=organisation_id,
            title=single_line("title", title, CAMPAIGN_TITLE_MAX_LENGTH),
            held_on=past_date("held_on", held_on),
            audience=single_line("audience", audience, AUDIENCE_MAX_LENGTH),
            material=multi_line("material", material, MATERIAL_MAX_LENGTH),
            participants=list(checked_participants(participants)),
        )

    @staticmethod
    def create_id(campaign_id: UUID, **_: object) -> UUID:
        return campaign_id

    @event("Run")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        campaign_id: UUID,
        organisation_id: UUID,
        title: str,
        held_on: date,
        audience: str,
        material: str,
        participants: list[str],
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.participants = tuple(participants)
        self.withdrawn = False

    def withdraw(self, actor_id: UUID, reason: str) -> None:
        if not can_withdraw(self.withdrawn):
            raise ValidationFailed("campaign_id", "This campaign is already withdrawn.")
        self._withdrawn(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Withdrawn")
    def _withdrawn(self, actor_id: UUID, reason: str) -> None:
        self.withdrawn = True
