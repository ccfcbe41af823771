"""The missions consultancies attest, as read: one row per attestation in the consultancy's tenant and one in the
professionals' realm, each with the facts as last corrected.

The consultancy's row names the cluster and the member organisation by id (so the one filter keeps it to the
consultancy's admins, the coach of the cluster and the member's own people); the realm's row names neither, only
the professional and the facts a portfolio shows. A withdrawn attestation keeps its rows, marked withdrawn with the
reason: the consultancy still sees what it withdrew; no portfolio and no renewal counts it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import Column, Date, Float, Index, Integer, String, Uuid, and_, bindparam, insert, or_, select, update

from domain.labels.body import PROFESSIONALS
from domain.labels.missions import MissionAttestation
from domain.labels.track import CoachedMission
from projections.core.projection import Projection
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.core.tables import ReadTables, TableFactory
from projections.core.writer import GroupedWriter
from projections.labels.projection import IN_FORCE

STANDING, WITHDRAWN = "standing", "withdrawn"
FACTS = (
    "consultancy",
    "cluster",
    "sector",
    "size_band",
    "started_on",
    "ended_on",
    "coaching_days",
    "training_days",
    "outcome",
)
"""The columns that hold exactly what an attestation states (`domain.labels.missions.MissionFacts`)."""


def define_tables(table: TableFactory) -> None:
    missions = table(
        "mission_attestations",
        Column("tenant_id", Uuid, nullable=False),
        Column("mission_id", Uuid, nullable=False),
        Column("consultancy_id", Uuid, nullable=False),
        Column("professional_id", Uuid, nullable=False),
        Column("cluster_id", Uuid, nullable=True),  # on the consultancy's row only
        Column("organisation_id", Uuid, nullable=True),  # on the consultancy's row only
        Column("consultancy", String, nullable=False),
        Column("cluster", String, nullable=False),
        Column("sector", String, nullable=False),
        Column("size_band", String, nullable=False),
        Column("started_on", Date, nullable=False),
        Column("ended_on", Date, nullable=True),
        Column("coaching_days", Float, nullable=False),
        Column("training_days", Float, nullable=False),
        Column("outcome", String, nullable=False),
        Column("corrections", Integer, nullable=False),
        Column("last_reason", String, nullable=True),  # why it was last corrected or withdrawn
        Column("status", String, nullable=False),
        key=("tenant_id", "mission_id"),
    )
    Index(f"{table.prefix}mission_attestations_by_professional", missions.c.tenant_id, missions.c.professional_id)


class MissionProjection(Projection):
    name = "mission_attestations"
    handles = {
        (MissionAttestation, "Attested"): "attested",
        (MissionAttestation, "Corrected"): "corrected",
        (MissionAttestation, "Withdrawn"): "withdrawn",
        (MissionAttestation, "AttestedAgain"): "attested_again",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        missions = tables.mission_attestations
        self._insert = insert(missions)
        both = and_(
            or_(missions.c.tenant_id == bindparam("t"), missions.c.tenant_id == bindparam("r")),
            missions.c.mission_id == bindparam("m"),
        )
        corrected: dict[str, Any] = {column: bindparam(f"v_{column}") for column in FACTS}
        self._correct = (
            update(missions)
            .where(both)
            .values(**corrected, corrections=missions.c.corrections + 1, last_reason=bindparam("v_reason"))
        )
        self._withdraw = update(missions).where(both).values(status=WITHDRAWN, last_reason=bindparam("v_reason"))
        self._attest_again = update(missions).where(both).values(**corrected, status=STANDING, last_reason=None)

    def attested(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "mission_id": event.originator_id,
            "consultancy_id": event.tenant_id,
            "professional_id": event.professional_id,
            **{column: getattr(event, column) for column in FACTS},
            "corrections": 0,
            "last_reason": None,
            "status": STANDING,
        }
        writer.write(
            self._insert,
            {
                **row,
                "tenant_id": event.tenant_id,
                "cluster_id": event.cluster_id,
                "organisation_id": event.organisation_id,
            },
        )
        writer.write(self._insert, {**row, "tenant_id": PROFESSIONALS, "cluster_id": None, "organisation_id": None})

    def corrected(self, writer: GroupedWriter, event: Any) -> None:
        values = {f"v_{column}": getattr(event, column) for column in FACTS}
        writer.write(self._correct, {**_keys(event), **values, "v_reason": event.reason})

    def withdrawn(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._withdraw, {**_keys(event), "v_reason": event.reason})

    def attested_again(self, writer: GroupedWriter, event: Any) -> None:
        values = {f"v_{column}": getattr(event, column) for column in FACTS}
        writer.write(self._attest_again, {**_keys(event), **values})


def _keys(event: Any) -> dict[str, Any]:
    return {"t": event.tenant_id, "r": PROFESSIONALS, "m": event.originator_id}


@dataclass(frozen=True)
class MissionRow:
    """An attestation as one tenant reads it: the consultancy's row (with its cluster and member) or the realm's."""

    tenant_id: UUID
    mission_id: UUID
    consultancy_id: UUID
    professional_id: UUID
    cluster_id: UUID | None
    organisation_id: UUID | None
    consultancy: str
    cluster: str
    sector: str
    size_band: str
    started_on: date
    ended_on: date | None
    coaching_days: float
    training_days: float
    outcome: str
    corrections: int
    last_reason: str | None
    status: str
    """`standing` or `withdrawn`."""

    @property
    def stands(self) -> bool:
        return self.status == STANDING


@dataclass(frozen=True)
class LinkedProfessional:
    """A link in force, as an attestation needs it: which coach account, and which professional."""

    link_id: UUID
    coach_id: UUID
    consultancy_name: str
    professional_id: UUID
    professional_name: str


class MissionQueries(FeatureQueries):
    def coached_missions(self, professional_id: UUID) -> tuple[CoachedMission, ...]:
        """The missions a renewal may count: the professional's attestations that stand and have ended, across
        consultancies, with their facts as last corrected, by the day they ended."""
        return tuple(
            CoachedMission(row.mission_id, row.ended_on, row.coaching_days)
            for row in self.portfolio(professional_id)
            if row.ended_on is not None
        )

    def portfolio(self, professional_id: UUID) -> list[MissionRow]:
        """The professional's missions that stand, across consultancies, from the realm's rows: by the day they
        ended (those under way last), then started."""
        missions = self.t.mission_attestations
        query = (
            select(missions)
            .where(
                self.visible.rows(Scope(PROFESSIONALS), missions),
                missions.c.professional_id == professional_id,
                missions.c.status == STANDING,
            )
            .order_by(
                missions.c.ended_on.is_(None),
                missions.c.ended_on,
                missions.c.started_on,
                missions.c.consultancy,
                missions.c.mission_id,
            )
        )
        return [_row(found) for found in self._all(query)]

    def consultancy_missions(
        self, scope: Scope, after: tuple[date, UUID] | None = None, limit: int = 50
    ) -> list[MissionRow]:
        """The consultancy's attestations in the scope's view, withdrawn ones too, latest start first."""
        missions = self.t.mission_attestations
        conditions: list[Any] = [self.visible.rows(scope, missions)]
        if after is not None:
            started, mission_id = after
            conditions.append(
                or_(
                    missions.c.started_on < started,
                    and_(missions.c.started_on == started, missions.c.mission_id > mission_id),
                )
            )
        query = (
            select(missions)
            .where(*conditions)
            .order_by(missions.c.started_on.desc(), missions.c.mission_id)
            .limit(limit)
        )
        return [_row(found) for found in self._all(query)]

    def mission(self, scope: Scope, mission_id: UUID) -> MissionRow | None:
        """One attestation in the scope's view (None otherwise, as for a missing one)."""
        missions = self.t.mission_attestations
        found = self._one(
            select(missions).where(self.visible.rows(scope, missions), missions.c.mission_id == mission_id)
        )
        return None if found is None else _row(found)

    def link_in_force(self, scope: Scope, link_id: UUID) -> LinkedProfessional | None:
        """One of the consultancy's links, if it is in force (the professional consented and nobody ended it)."""
        links = self.t.professional_links
        found = self._one(
            select(links).where(self.visible.rows(scope, links), links.c.link_id == link_id, links.c.status == IN_FORCE)
        )
        if found is None or found["professional_id"] is None:
            return None
        return LinkedProfessional(
            link_id=found["link_id"],
            coach_id=found["coach_id"],
            consultancy_name=found["consultancy_name"],
            professional_id=found["professional_id"],
            professional_name=found["professional_name"] or "",
        )

    def coach_accounts_of(self, scope: Scope, professional_id: UUID) -> set[UUID]:
        """The consultancy's coach accounts linked in force to the professional (they consented, nobody ended it):
        the professional coached through any of them, so an attestation and a correction gather from them all."""
        links = self.t.professional_links
        query = select(links.c.coach_id).where(
            self.visible.rows(scope, links), links.c.professional_id == professional_id, links.c.status == IN_FORCE
        )
        return {found["coach_id"] for found in self._all(query)}

    def professional_names(self, scope: Scope) -> dict[UUID, str]:
        """The names of the professionals who consented to one of the consultancy's links, by their id."""
        links = self.t.professional_links
        query = select(links.c.professional_id, links.c.professional_name).where(
            self.visible.rows(scope, links), links.c.professional_id.is_not(None)
        )
        return {row["professional_id"]: row["professional_name"] or "" for row in self._all(query)}


def _row(found: dict[str, Any]) -> MissionRow:
    return MissionRow(**{name: found[name] for name in MissionRow.__dataclass_fields__})
