"""The labelling bodies by name, and the professional links: one row per link in the consultancy's tenant and one
in the professionals' realm.

The consultancy's request and end are events of its tenant; the professional's answer and end are events of the
realm naming the consultancy. Each writes both rows, so each side reads its own tenant only."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import and_, bindparam, insert, or_, update

from domain.labels.body import PROFESSIONALS, LabellingBody
from domain.labels.links import ProfessionalConsent, ProfessionalLink
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter

REQUESTED, IN_FORCE, DECLINED, ENDED = "requested", "in_force", "declined", "ended"


class ProfessionalLinkProjection(Projection):
    name = "professional_links"
    handles = {
        (LabellingBody, "Created"): "body_created",
        (ProfessionalLink, "Requested"): "requested",
        (ProfessionalLink, "RequestedAgain"): "requested_again",
        (ProfessionalLink, "Ended"): "ended_by_consultancy",
        (ProfessionalConsent, "Answered"): "answered",
        (ProfessionalConsent, "Ended"): "ended_by_professional",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        links = tables.professional_links
        self._insert_body = insert(tables.labelling_bodies)
        self._insert = insert(links)
        tenant = or_(links.c.tenant_id == bindparam("t"), links.c.tenant_id == bindparam("r"))
        self._both = and_(tenant, links.c.link_id == bindparam("l"))
        self._again = update(links).where(self._both)
        self._answer = update(links).where(self._both, links.c.round == bindparam("n"))
        self._end = update(links).where(self._both)

    def body_created(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._insert_body, {"tenant_id": event.tenant_id, "name": event.name, "slug": event.slug})

    def requested(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "link_id": event.originator_id,
            "consultancy_id": event.tenant_id,
            "consultancy_name": event.consultancy_name,
            "coach_id": event.coach_id,
            "coach_name": event.coach_name,
            "professional_email": event.professional_email,
            "professional_id": None,
            "professional_name": None,
            "round": 1,
            "status": REQUESTED,
            "requested_on": event.on,
            "answered_on": None,
            "ended_on": None,
            "ended_by": None,
        }
        for tenant in (event.tenant_id, PROFESSIONALS):
            writer.write(self._insert, {**row, "tenant_id": tenant})

    def requested_again(self, writer: GroupedWriter, event: Any) -> None:
        values = {
            "consultancy_name": event.consultancy_name,
            "coach_name": event.coach_name,
            "professional_id": None,
            "professional_name": None,
            "round": event.round,
            "status": REQUESTED,
            "requested_on": event.on,
            "answered_on": None,
            "ended_on": None,
            "ended_by": None,
        }
        writer.write(self._again.values(**values), _keys(event.tenant_id, event.originator_id))

    def ended_by_consultancy(self, writer: GroupedWriter, event: Any) -> None:
        values = {"status": ENDED, "ended_on": event.on, "ended_by": "consultancy"}
        writer.write(self._end.values(**values), _keys(event.tenant_id, event.originator_id))

    def answered(self, writer: GroupedWriter, event: Any) -> None:
        values = {
            "status": IN_FORCE if event.consenting else DECLINED,
            "professional_id": event.professional_id if event.consenting else None,
            "professional_name": event.professional_name if event.consenting else None,
            "answered_on": event.on,
        }
        keys = {**_keys(event.consultancy_id, event.link_id), "n": event.round}
        writer.write(self._answer.values(**values), keys)

    def ended_by_professional(self, writer: GroupedWriter, event: Any) -> None:
        values = {"status": ENDED, "ended_on": event.on, "ended_by": "professional"}
        writer.write(self._end.values(**values), _keys(event.consultancy_id, event.link_id))


def _keys(consultancy_id: UUID, link_id: UUID) -> dict[str, Any]:
    return {"t": consultancy_id, "r": PROFESSIONALS, "l": link_id}
