"""An organisation's audit programme for one year: the areas it audits (clauses and controls) and who owns each.

There is one programme per organisation and year (its id is derived from both); its audits say when and by whom."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from eventsourcing.domain import event

from domain.audits.references import checked_reference
from domain.catalogues.catalogue import Catalogue
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import ValidationFailed
from domain.shared.text import REASON_MAX_LENGTH, count_between, multi_line

AREAS_MAX = 200
OBJECTIVES_MAX_LENGTH = 2000
EARLIEST_YEAR, LATEST_YEAR = 2000, 2100


def programme_id(tenant_id: UUID, organisation_id: UUID, year: int) -> UUID:
    return tenant_scoped_id(tenant_id, "audit-programme", f"{organisation_id}:{year}")


@dataclass(frozen=True)
class Area:
    """A clause or control the programme audits, and the account answerable for it."""

    reference: str
    owner_id: UUID


def checked_areas(areas: tuple[tuple[str, UUID], ...], catalogue: Catalogue) -> tuple[Area, ...]:
    """Each area a clause or control of the catalogue, named once; at least one."""
    if not areas:
        raise ValidationFailed("areas", "Name at least one clause or control to audit.")
    if len(areas) > AREAS_MAX:
        raise ValidationFailed("areas", f"At most {AREAS_MAX} areas.")
    found: dict[str, Area] = {}
    for reference, owner_id in areas:
        cleaned = checked_reference("areas.reference", reference, catalogue)
        if cleaned in found:
            raise ValidationFailed("areas.reference", f"{cleaned} is named twice.")
        found[cleaned] = Area(cleaned, owner_id)
    return tuple(found.values())


class AuditProgramme(TenantAggregate):
    @classmethod
    def plan(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        organisation_id: UUID,
        year: int,
        areas: tuple[Area, ...],
        objectives: str | None,
    ) -> AuditProgramme:
        count_between("year", year, EARLIEST_YEAR, LATEST_YEAR)
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            organisation_id=organisation_id,
            year=year,
            areas=[[area.reference, str(area.owner_id)] for area in areas],
            objectives=multi_line("objectives", objectives, OBJECTIVES_MAX_LENGTH, required=False),
        )

    @staticmethod
    def create_id(tenant_id: UUID, organisation_id: UUID, year: int, **_: object) -> UUID:
        return programme_id(tenant_id, organisation_id, year)

    @event("Planned")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        organisation_id: UUID,
        year: int,
        areas: list[list[str]],
        objectives: str,
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.year = year
        self.areas = {reference: UUID(owner) for reference, owner in areas}
        self.objectives = objectives

    def revise(self, actor_id: UUID, areas: tuple[Area, ...], objectives: str | None, reason: str | None) -> None:
        """Changes the areas, their owners or the objectives, saying why; audits already planned keep theirs."""
        cleaned_objectives = multi_line("objectives", objectives, OBJECTIVES_MAX_LENGTH, required=False)
        cleaned_reason = multi_line("reason", reason, REASON_MAX_LENGTH)
        given = {area.reference: area.owner_id for area in areas}
        if given == self.areas and cleaned_objectives == self.objectives:
            raise ValidationFailed("areas", "The programme is already so.")
        self._revised(
            actor_id, [[area.reference, str(area.owner_id)] for area in areas], cleaned_objectives, cleaned_reason
        )

    @event("Revised")
    def _revised(self, actor_id: UUID, areas: list[list[str]], objectives: str, reason: str) -> None:
        self.areas = {reference: UUID(owner) for reference, owner in areas}
        self.objectives = objectives
