"""GraphQL shapes of the viewer and the consultancy."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry

from backend.graphql.core.errors import (
    ConflictError,
    ForbiddenError,
    ProjectionsBehindError,
    Refusal,
    UnavailableError,
    ValidationError,
)
from backend.graphql.tenancy.viewer_can import ViewerCan


@strawberry.type(description="The shape of the programme; clusters keep the version they were planned with.")
class ProgrammeTemplate:
    version: int
    gap_analysis_on_site_half_days: int
    gap_analysis_result_half_days: int
    initial_training_half_days: int
    modules: list[str]
    coaching_ceiling_half_days: int
    cycle_weeks_min: int
    cycle_weeks_max: int
    cluster_size_min: int
    cluster_size_max: int
    time_zone: str

    @strawberry.field
    def training_days(self) -> float:
        return (self.initial_training_half_days + len(self.modules)) / 2


@strawberry.type(description="The consultancy's OpenID provider for single sign-on; its client secret is never shown.")
class SingleSignOn:
    issuer: str
    client_identifier: str
    allowed_domains: list[str] = strawberry.field(
        description="E-mail domains for which an account is opened, with no role, at its first sign-in."
    )
    enabled: bool
    secret_fingerprint: str = strawberry.field(
        description="Names the client secret in use (a keyed hash of it, as the consultancy's history records it)."
    )


@strawberry.input
class SingleSignOnInput:
    issuer: str
    client_identifier: str
    client_secret: str | None = strawberry.field(
        default=None, description="A new client secret; absent or empty keeps the current one."
    )
    allowed_domains: list[str]
    enabled: bool


@strawberry.type
class Consultancy:
    name: str
    allows_clusters_above_standard_size: bool = strawberry.field(
        description="Whether clusters may have more members than the template's maximum."
    )
    single_organisation_baseline_days: float | None = strawberry.field(
        description="The days a single-organisation project takes here; effort reports compare with it."
    )
    programme_template: ProgrammeTemplate
    requires_second_factor: bool = strawberry.field(
        default=False, description="Whether its admins and coaches must sign in with a second factor."
    )
    single_sign_on: SingleSignOn | None = strawberry.field(
        default=None, description="The OpenID provider, shown to those who may change the settings; null otherwise."
    )


@strawberry.input
class ProgrammeTemplateInput:
    gap_analysis_on_site_half_days: int
    gap_analysis_result_half_days: int
    initial_training_half_days: int
    modules: list[str]
    coaching_ceiling_half_days: int
    cycle_weeks_min: int
    cycle_weeks_max: int
    cluster_size_min: int
    cluster_size_max: int
    time_zone: str


@strawberry.type(description="The signed-in user.")
class Viewer:
    id: strawberry.ID
    display_name: str
    email: str
    roles: list[str]
    consultancy: Consultancy | None = strawberry.field(
        description="None for a labelling body's staff and a professional: they belong to no consultancy."
    )
    can: ViewerCan = strawberry.field(description="What the viewer may do in the consultancy.")
    today: date = strawberry.field(description="The business day: what 'in the future' and 'coming' count from.")
    calendar_link_active: bool = strawberry.field(
        description="Whether the viewer has a secret calendar link; the link itself is shown only when made."
    )


@strawberry.input(description="Your own password: the current one, and the new one (12 to 1,024 characters).")
class ChangePasswordInput:
    current_password: str
    new_password: str


ViewerChangeResult = Annotated[Viewer | Refusal, strawberry.union("ViewerChangeResult")]


@strawberry.type(description="A new secret calendar link. It is shown this once: Cordee keeps only its hash.")
class CalendarLink:
    path: str = strawberry.field(description="The feed's path on this server, e.g. /feeds/<key>.ics.")
    viewer: Viewer


CalendarLinkResult = Annotated[CalendarLink | Refusal, strawberry.union("CalendarLinkResult")]

ConsultancyChangeResult = Annotated[
    Consultancy | ValidationError | ConflictError | ForbiddenError | ProjectionsBehindError | UnavailableError,
    strawberry.union("ConsultancyChangeResult"),
]


@strawberry.type
class Coach:
    id: strawberry.ID
    display_name: str
