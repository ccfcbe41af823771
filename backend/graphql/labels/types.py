"""Professional links as the API answers them: status, names and days, nothing else."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry

from backend.graphql.core.errors import ForbiddenError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from projections.labels.rows import ProfessionalLinkRow


@strawberry.enum(description="Where a link stands.")
class ProfessionalLinkStatus(Enum):
    REQUESTED = "requested"
    IN_FORCE = "in_force"
    DECLINED = "declined"
    ENDED = "ended"


@strawberry.type(description="Who may do what to the link now.")
class ProfessionalLinkViewerCan:
    consent: bool = strawberry.field(description="The professional consents (or declines) the request.")
    end: bool = strawberry.field(description="The viewer's side ends the link (or withdraws its request).")


@strawberry.type(
    description="A consultancy's coach account linked to a professional, with the professional's consent. The "
    "consultancy reads its own links (a coach their own); the professional reads the requests and links addressed "
    "to them."
)
class ProfessionalLink:
    id: strawberry.ID
    consultancy_name: str
    coach_id: strawberry.ID
    coach_name: str
    professional_email: str = strawberry.field(description="The e-mail address the request was made to.")
    professional_name: str | None = strawberry.field(description="The professional's name, once they consented.")
    status: ProfessionalLinkStatus
    requested_on: date
    answered_on: date | None
    ended_on: date | None
    ended_by: str | None = strawberry.field(description='"consultancy" or "professional", once ended.')
    viewer_can: ProfessionalLinkViewerCan

    @classmethod
    def build(cls, row: ProfessionalLinkRow, professional: bool, may_act: bool) -> ProfessionalLink:
        status = ProfessionalLinkStatus(row.status)
        ended_by_viewer = row.ended_by == ("professional" if professional else "consultancy")
        return cls(
            id=strawberry.ID(str(row.link_id)),
            consultancy_name=row.consultancy_name,
            coach_id=strawberry.ID(str(row.coach_id)),
            coach_name=row.coach_name,
            professional_email=row.professional_email,
            professional_name=row.professional_name,
            status=status,
            requested_on=row.requested_on,
            answered_on=row.answered_on,
            ended_on=row.ended_on,
            ended_by=row.ended_by,
            viewer_can=ProfessionalLinkViewerCan(
                consent=may_act and professional and status is ProfessionalLinkStatus.REQUESTED,
                end=may_act
                and not ended_by_viewer
                and (status is ProfessionalLinkStatus.IN_FORCE if professional else True),
            ),
        )


@strawberry.type
class ProfessionalLinkEdge:
    cursor: str
    node: ProfessionalLink


@strawberry.type
class ProfessionalLinkConnection:
    edges: list[ProfessionalLinkEdge]
    page_info: PageInfo


ProfessionalLinksResult = Annotated[
    ProfessionalLinkConnection | ForbiddenError | ValidationError, strawberry.union("ProfessionalLinksResult")
]


@strawberry.type(description="The link as it now stands, on the viewer's side.")
class ProfessionalLinkChange:
    link_id: strawberry.ID
    status: ProfessionalLinkStatus


ProfessionalLinkResult = Annotated[ProfessionalLinkChange | Refusal, strawberry.union("ProfessionalLinkResult")]


@strawberry.type(description="Someone of the labelling body's staff.")
class LabellingBodyStaff:
    display_name: str
    email: str


@strawberry.type(description="The labelling body the viewer works for, and its staff.")
class LabellingBody:
    name: str
    staff: list[LabellingBodyStaff]


LabellingBodyResult = Annotated[LabellingBody | ForbiddenError, strawberry.union("LabellingBodyResult")]


@strawberry.type(description="The invitation is on its way, if the address may have one: the answer is the same.")
class ProfessionalInvited:
    email: str


ProfessionalInvitedResult = Annotated[ProfessionalInvited | Refusal, strawberry.union("ProfessionalInvitedResult")]
