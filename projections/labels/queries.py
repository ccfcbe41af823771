"""The professional links as each side reads them: a consultancy its own tenant's rows (a coach their own links);
a professional the realm's rows addressed to their e-mail. Pages are keyset pages, by name then id."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import and_, or_, select

from domain.labels.body import PROFESSIONALS
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.labels.rows import ProfessionalLinkRow


class ProfessionalLinkQueries(FeatureQueries):
    def labelling_body_name(self, scope: Scope) -> str | None:
        """The name of the labelling body whose tenant the scope is, or None for any other tenant."""
        bodies = self.t.labelling_bodies
        found = self._one(select(bodies.c.name).where(self.visible.rows(scope, bodies)))
        return None if found is None else str(found["name"])

    def consultancy_links(
        self,
        scope: Scope,
        coach_id: UUID | None,
        status: str | None = None,
        after: tuple[str, UUID] | None = None,
        limit: int = 50,
    ) -> list[ProfessionalLinkRow]:
        """The consultancy's links, by coach name; only `coach_id`'s when given (a coach reads their own)."""
        links = self.t.professional_links
        conditions: list[Any] = [self.visible.rows(scope, links)]
        if coach_id is not None:
            conditions.append(links.c.coach_id == coach_id)
        return self._page(conditions, links.c.coach_name, status, after, limit)

    def professional_links(
        self, email: str, status: str | None = None, after: tuple[str, UUID] | None = None, limit: int = 50
    ) -> list[ProfessionalLinkRow]:
        """The requests and links addressed to this professional's e-mail, by consultancy name."""
        links = self.t.professional_links
        conditions = [self.visible.rows(Scope(PROFESSIONALS), links), links.c.professional_email == email.lower()]
        return self._page(conditions, links.c.consultancy_name, status, after, limit)

    def realm_link(self, email: str, link_id: UUID) -> ProfessionalLinkRow | None:
        """The realm's row of one link, if it is addressed to this e-mail (None otherwise, as for a missing one)."""
        links = self.t.professional_links
        found = self._one(
            select(links).where(
                self.visible.rows(Scope(PROFESSIONALS), links),
                links.c.professional_email == email.lower(),
                links.c.link_id == link_id,
            )
        )
        return None if found is None else _row(found)

    def _page(
        self, conditions: list[Any], name: Any, status: str | None, after: tuple[str, UUID] | None, limit: int
    ) -> list[ProfessionalLinkRow]:
        links = self.t.professional_links
        if status is not None:
            conditions.append(links.c.status == status)
        if after is not None:
            conditions.append(or_(name > after[0], and_(name == after[0], links.c.link_id > after[1])))
        query = select(links).where(*conditions).order_by(name, links.c.link_id).limit(limit)
        return [_row(found) for found in self._all(query)]


def _row(found: dict[str, Any]) -> ProfessionalLinkRow:
    return ProfessionalLinkRow(
        tenant_id=found["tenant_id"],
        link_id=found["link_id"],
        consultancy_id=found["consultancy_id"],
        consultancy_name=found["consultancy_name"],
        coach_id=found["coach_id"],
        coach_name=found["coach_name"],
        professional_email=found["professional_email"],
        professional_name=found["professional_name"],
        status=found["status"],
        requested_on=found["requested_on"],
        answered_on=found["answered_on"],
        ended_on=found["ended_on"],
        ended_by=found["ended_by"],
    )
