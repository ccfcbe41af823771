"""The label scheme and the tracks as the API answers them: the body reads its own; a professional their own track
and the evaluations asked of them."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import ForbiddenError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo
from backend.policy import attested_missions
from domain.labels.rules import LabelStatus as DomainStatus
from projections.core.scope import Scope
from projections.labels.track_rows import (
    RatingRow,
    RequirementRow,
    SchemeVersionRow,
    TrackHistoryRow,
    TrackRow,
)


@strawberry.enum(description="Where a label stands today.")
class LabelStatus(Enum):
    CANDIDATE = "candidate"
    VALID = "valid"
    SUSPENDED = "suspended"
    EXPIRED = "expired"
    REVOKED = "revoked"


@strawberry.type(description="One evaluation requirement of a version of the scheme.")
class LabelRequirement:
    category: str
    key: str
    text: str

    @classmethod
    def build(cls, row: RequirementRow) -> LabelRequirement:
        return cls(category=row.category, key=row.key, text=row.text)


@strawberry.type(description="One published version of the label scheme.")
class LabelSchemeVersion:
    version: int
    training_title: str
    training_minimum_hours: int
    pass_mark: int
    maximum_attempts: int
    validity_months: int
    renewal_missions: int
    renewal_days: int
    requirements: list[LabelRequirement]

    @classmethod
    def build(cls, row: SchemeVersionRow) -> LabelSchemeVersion:
        return cls(
            version=row.version,
            training_title=row.training_title,
            training_minimum_hours=row.training_minimum_hours,
            pass_mark=row.pass_mark,
            maximum_attempts=row.maximum_attempts,
            validity_months=row.validity_months,
            renewal_missions=row.renewal_missions,
            renewal_days=row.renewal_days,
            requirements=[LabelRequirement.build(r) for r in row.requirements],
        )


@strawberry.type(description="The labelling body's scheme: the version in force, and every version, newest first.")
class LabelScheme:
    current: LabelSchemeVersion | None
    versions: list[LabelSchemeVersion]


LabelSchemeResult = Annotated[LabelScheme | ForbiddenError, strawberry.union("LabelSchemeResult")]


@strawberry.type(description="The training attended.")
class LabelTraining:
    attended_on: date
    provider: str
    evidence: str
    hours: float


@strawberry.type(description="A rating of one requirement by the evaluating coach, and their comment.")
class LabelRating:
    category: str
    key: str
    rating: str = strawberry.field(description="meets, partially or not_met.")
    comment: str

    @classmethod
    def build(cls, row: RatingRow) -> LabelRating:
        return cls(category=row.category, key=row.key, rating=row.rating, comment=row.comment)


@strawberry.type(description="One fact of a track's history, in the order recorded.")
class LabelTrackEntry:
    what: str = strawberry.field(
        description="enrolled, enrolled_again, training, exam, evaluator_named, evaluation, granted, renewed, "
        "suspended, reinstated or revoked."
    )
    on: date | None = strawberry.field(description="None for a fact of no day of its own (an evaluator named).")
    detail: str

    @classmethod
    def build(cls, row: TrackHistoryRow) -> LabelTrackEntry:
        return cls(what=row.what, on=row.on, detail=row.detail)


@strawberry.type(description="A mission a consultancy attested, as a renewal counts it.")
class LabelRenewalMission:
    ended_on: date
    coaching_days: float


@strawberry.type(
    description="Where the label's next renewal stands today: the missions attested that ended since the grant or "
    "the last renewal, and what the scheme version asks."
)
class LabelRenewal:
    period_started_on: date
    missions: list[LabelRenewalMission]
    missions_counted: int
    days_counted: float
    missions_needed: int
    days_needed: int
    conditions_met: bool


@strawberry.type(description="What the viewer may do on the track now.")
class LabelTrackViewerCan:
    record_step: bool = strawberry.field(description="Record the training, an exam attempt, name the evaluator.")
    grant: bool
    renew: bool
    suspend: bool
    reinstate: bool
    revoke: bool


@strawberry.type(description="A candidate's label track: its steps, the label and its status today.")
class LabelTrack:
    professional_id: strawberry.ID
    candidate_name: str
    candidate_email: str
    body_name: str
    cycle: int
    scheme_version: int
    enrolled_on: date
    status: LabelStatus
    training: LabelTraining | None
    exam_attempts: int
    last_score: int | None
    exam_passed: bool
    evaluator_name: str | None
    evaluated_on: date | None
    evaluated_mission: str | None
    evaluation_passed: bool | None
    granted_on: date | None
    expires_on: date | None
    suspended_on: date | None
    revoked_on: date | None
    viewer_can: LabelTrackViewerCan
    scope: strawberry.Private[Scope]
    row: strawberry.Private[TrackRow]
    today: strawberry.Private[date]

    @strawberry.field(
        description="Where the next renewal stands, for a valid label: the missions attested since the grant or the "
        "last renewal, up to today, and what the scheme asks. The renewal itself decides (a mission an earlier "
        "renewal counted never counts again)."
    )
    def renewal(self, info: Info[Context, None]) -> LabelRenewal | None:
        row = self.row
        if row.period_started_on is None or row.status_on(self.today) is not DomainStatus.VALID:
            return None
        queries = info.context.services.queries
        version = queries.label_tracks.scheme_version(self.scope, row.body_id, row.scheme_version)
        started, today = row.period_started_on, self.today
        missions = [m for m in attested_missions(queries, row.professional_id) if started < m.ended_on <= today]
        days = sum(m.coaching_days for m in missions)
        needed = (version.renewal_missions, version.renewal_days) if version else (0, 0)
        return LabelRenewal(
            period_started_on=started,
            missions=[LabelRenewalMission(ended_on=m.ended_on, coaching_days=m.coaching_days) for m in missions],
            missions_counted=len(missions),
            days_counted=days,
            missions_needed=needed[0],
            days_needed=needed[1],
            conditions_met=len(missions) >= needed[0] and days >= needed[1],
        )

    @strawberry.field(description="The ratings of the evaluation in force, in the version's order.")
    def ratings(self, info: Info[Context, None]) -> list[LabelRating]:
        found = info.context.services.queries.label_tracks.ratings(self.scope, self.row.track_id)
        return [LabelRating.build(row) for row in found]

    @strawberry.field(description="Every fact recorded on the track, in order.")
    def history(self, info: Info[Context, None]) -> list[LabelTrackEntry]:
        found = info.context.services.queries.label_tracks.history(self.scope, self.row.track_id)
        return [LabelTrackEntry.build(row) for row in found]

    @classmethod
    def build(
        cls,
        row: TrackRow,
        scope: Scope,
        today: date,
        may_record: bool,
        may_decide: bool,
    ) -> LabelTrack:
        status = LabelStatus(row.status_on(today).value)
        training = None
        if row.training_on is not None:
            training = LabelTraining(
                attended_on=row.training_on,
                provider=row.training_provider or "",
                evidence=row.training_evidence or "",
                hours=row.training_hours or 0.0,
            )
        open_steps = status is LabelStatus.CANDIDATE and row.granted_on is None and row.revoked_on is None
        return cls(
            professional_id=strawberry.ID(str(row.professional_id)),
            candidate_name=row.candidate_name,
            candidate_email=row.candidate_email,
            body_name=row.body_name,
            cycle=row.cycle,
            scheme_version=row.scheme_version,
            enrolled_on=row.enrolled_on,
            status=status,
            training=training,
            exam_attempts=row.attempts,
            last_score=row.last_score,
            exam_passed=row.exam_passed,
            evaluator_name=row.evaluator_name,
            evaluated_on=row.evaluated_on,
            evaluated_mission=row.evaluated_mission,
            evaluation_passed=row.evaluation_passed,
            granted_on=row.granted_on,
            expires_on=row.expires_on,
            suspended_on=row.suspended_on,
            revoked_on=row.revoked_on,
            scope=scope,
            row=row,
            today=today,
            viewer_can=LabelTrackViewerCan(
                record_step=may_record and open_steps,
                grant=may_decide and open_steps and bool(row.exam_passed and row.evaluation_passed),
                renew=may_decide and status is LabelStatus.VALID,
                suspend=may_decide and status is LabelStatus.VALID,
                reinstate=may_decide and status is LabelStatus.SUSPENDED,
                revoke=may_decide and row.granted_on is not None and row.revoked_on is None,
            ),
        )


@strawberry.type
class LabelTrackEdge:
    cursor: str
    node: LabelTrack


@strawberry.type
class LabelTrackConnection:
    edges: list[LabelTrackEdge]
    page_info: PageInfo


LabelTracksResult = Annotated[
    LabelTrackConnection | ForbiddenError | ValidationError, strawberry.union("LabelTracksResult")
]
LabelTrackResult = Annotated[LabelTrack | Refusal, strawberry.union("LabelTrackResult")]


@strawberry.type(description="The professional's own label tracks, one per labelling body.")
class OwnLabelTracks:
    tracks: list[LabelTrack]


OwnLabelTracksResult = Annotated[OwnLabelTracks | ForbiddenError, strawberry.union("OwnLabelTracksResult")]


@strawberry.type(
    description="A first-mission evaluation a labelling body asks of you: the candidate, and every requirement of "
    "the version they enrolled on, each to rate and comment."
)
class LabelEvaluationAsked:
    track_id: strawberry.ID
    candidate_name: str
    body_name: str
    scheme_version: int
    requirements: list[LabelRequirement]
    evaluated_on: date | None = strawberry.field(description="The day of your evaluation in force, if any.")
    evaluated_mission: str | None


@strawberry.type
class LabelEvaluationsAsked:
    evaluations: list[LabelEvaluationAsked]


LabelEvaluationsAskedResult = Annotated[
    LabelEvaluationsAsked | ForbiddenError, strawberry.union("LabelEvaluationsAskedResult")
]


@strawberry.type(description="The version now in force.")
class LabelSchemePublished:
    version: int


LabelSchemePublishedResult = Annotated[LabelSchemePublished | Refusal, strawberry.union("LabelSchemePublishedResult")]


@strawberry.type(description="The track as it now stands.")
class LabelTrackChange:
    professional_id: strawberry.ID
    status: LabelStatus


LabelTrackChangeResult = Annotated[LabelTrackChange | Refusal, strawberry.union("LabelTrackChangeResult")]
