"""Attested missions as the API answers them: exactly the facts an attestation states, and for the consultancy the
professional's name, its cluster and member by id, and whether it still stands."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry

from backend.graphql.core.errors import ForbiddenError, NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from domain.labels.missions import MissionFacts
from projections.labels.missions import MissionRow


@strawberry.enum(description="The organisation's size, by the European Commission's bands of headcount.")
class SizeBand(Enum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


@strawberry.enum(description="Where the organisation's ISMS stood when the mission was attested.")
class MissionOutcome(Enum):
    UNDER_WAY = "under_way"
    ISMS_ESTABLISHED = "isms_established"
    CERTIFIED = "certified"
    WITHDRAWN = "withdrawn"


@strawberry.type(description="A mission's facts: all a portfolio shows of it, and nothing of the client's ISMS.")
class MissionFactsShown:
    consultancy: str
    cluster: str
    sector: str
    size_band: SizeBand
    started_on: date
    ended_on: date | None = strawberry.field(description="None while the mission is under way.")
    coaching_days: float
    training_days: float
    outcome: MissionOutcome

    @classmethod
    def of(cls, facts: MissionFacts | MissionRow) -> MissionFactsShown:
        return cls(
            consultancy=facts.consultancy,
            cluster=facts.cluster,
            sector=facts.sector,
            size_band=SizeBand(facts.size_band),
            started_on=facts.started_on,
            ended_on=facts.ended_on,
            coaching_days=facts.coaching_days,
            training_days=facts.training_days,
            outcome=MissionOutcome(facts.outcome),
        )


@strawberry.type(description="The facts the consultancy's records give for a mission, for its admin to confirm.")
class GatheredMission:
    professional_name: str
    facts: MissionFactsShown


GatheredMissionResult = Annotated[
    GatheredMission | ForbiddenError | NotFoundError | ValidationError, strawberry.union("GatheredMissionResult")
]


@strawberry.type(description="Who may do what to the attestation now.")
class AttestedMissionViewerCan:
    correct: bool
    withdraw: bool


@strawberry.type(description="A mission the consultancy attested, as its admins read it.")
class AttestedMission:
    id: strawberry.ID
    professional_name: str
    cluster_id: strawberry.ID
    organisation_id: strawberry.ID
    facts: MissionFactsShown
    stands: bool = strawberry.field(description="False once withdrawn: it is in no portfolio and counts for nothing.")
    corrections: int
    last_reason: str | None = strawberry.field(description="Why it was last corrected or withdrawn.")
    viewer_can: AttestedMissionViewerCan


@strawberry.type
class AttestedMissionEdge:
    cursor: str
    node: AttestedMission


@strawberry.type
class AttestedMissionConnection:
    edges: list[AttestedMissionEdge]
    page_info: PageInfo


AttestedMissionsResult = Annotated[
    AttestedMissionConnection | ForbiddenError | ValidationError, strawberry.union("AttestedMissionsResult")
]


@strawberry.type(description="A mission in the professional's portfolio: the facts as last attested.")
class PortfolioMission:
    id: strawberry.ID
    facts: MissionFactsShown
    corrected: bool = strawberry.field(description="The consultancy corrected its first attestation.")


@strawberry.type(description="The missions consultancies attested for the signed-in professional, across them all.")
class MissionPortfolio:
    professional_name: str
    missions: list[PortfolioMission]


PortfolioResult = Annotated[MissionPortfolio | ForbiddenError, strawberry.union("MissionPortfolioResult")]


@strawberry.type(description="The attestation as it now stands.")
class MissionAttestationChange:
    mission_id: strawberry.ID
    stands: bool


MissionAttestationResult = Annotated[MissionAttestationChange | Refusal, strawberry.union("MissionAttestationResult")]
