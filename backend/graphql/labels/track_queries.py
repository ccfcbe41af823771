"""The label scheme and the tracks: a labelling body's staff read their body's own (`labelScheme`, `labelTracks`,
`labelTrack`); a professional reads their own tracks (`myLabelTracks`) and the first-mission evaluations asked of
them (`labelEvaluationsAsked`), from the realm's rows. Nobody else reads any."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import ErrorCode, ForbiddenError, ValidationError, parse_id, user_error
from backend.graphql.core.pagination import PageInfo, check_page_size, decode_cursor, encode_cursor
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.labels.actions import DECIDE_LABEL, READ_OWN_TRACK, READ_TRACKS, RECORD_TRACK
from backend.graphql.labels.track_types import (
    LabelEvaluationAsked,
    LabelEvaluationsAsked,
    LabelEvaluationsAskedResult,
    LabelRequirement,
    LabelScheme,
    LabelSchemeResult,
    LabelSchemeVersion,
    LabelTrack,
    LabelTrackConnection,
    LabelTrackEdge,
    LabelTrackResult,
    LabelTracksResult,
    OwnLabelTracks,
    OwnLabelTracksResult,
)
from backend.policy import labelling_body_scope, may, own_professional
from domain.labels.body import PROFESSIONALS
from domain.shared.errors import DomainError, NotFound
from projections.core.scope import Scope
from projections.labels.track_rows import TrackRow

NO_TRACK = "No candidate's track for this professional."


def _forbidden(what: str) -> ForbiddenError:
    return ForbiddenError(code=ErrorCode.FORBIDDEN, message=f"You may not read {what}.", field=None)


@strawberry.type
class LabelTrackQuery:
    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="The labelling body's scheme, every version (its staff only).",
    )
    def label_scheme(self, info: Info[Context, None]) -> LabelSchemeResult:
        scope = labelling_body_scope(info.context.signed_in, READ_TRACKS)
        if scope is None:
            return _forbidden("a label scheme")
        versions = [
            LabelSchemeVersion.build(row) for row in info.context.services.queries.label_tracks.scheme_versions(scope)
        ]
        return LabelScheme(current=versions[0] if versions else None, versions=versions)

    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="The labelling body's candidates' tracks, by page, by the candidate's name (its staff only).",
    )
    def label_tracks(self, info: Info[Context, None], first: int = 50, after: str | None = None) -> LabelTracksResult:
        principal = info.context.signed_in
        scope = labelling_body_scope(principal, READ_TRACKS)
        if scope is None:
            return _forbidden("label tracks")
        try:
            size, keyset = check_page_size(first), decode_cursor(after)
        except DomainError as error:
            refusal = user_error(error)
            assert isinstance(refusal, ValidationError)
            return refusal
        rows = info.context.services.queries.label_tracks.tracks(scope, keyset, size + 1)
        more, rows = len(rows) > size, rows[:size]
        edges = [
            LabelTrackEdge(
                cursor=encode_cursor(row.candidate_name, row.professional_id), node=_body_track(info, scope, row)
            )
            for row in rows
        ]
        end = edges[-1].cursor if edges else None
        return LabelTrackConnection(edges=edges, page_info=PageInfo(has_next_page=more, end_cursor=end))

    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="One candidate's track, by the professional's id (the labelling body's staff only).",
    )
    def label_track(self, info: Info[Context, None], professional_id: strawberry.ID) -> LabelTrackResult:
        scope = labelling_body_scope(info.context.signed_in, READ_TRACKS)
        if scope is None:
            return _forbidden("label tracks")
        try:
            found = info.context.services.queries.label_tracks.track(
                scope, parse_id(professional_id, "professional_id")
            )
            if found is None:
                raise NotFound(NO_TRACK, "professional_id")
        except DomainError as error:
            return user_error(error)
        return _body_track(info, scope, found)

    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="Your own label tracks, one per labelling body (a professional).",
    )
    def my_label_tracks(self, info: Info[Context, None]) -> OwnLabelTracksResult:
        professional = own_professional(info.context.signed_in, READ_OWN_TRACK)
        if professional is None:
            return _forbidden("a professional's label track")
        today = info.context.services.app.today()
        rows = info.context.services.queries.label_tracks.own_tracks(professional)
        return OwnLabelTracks(tracks=[LabelTrack.build(row, Scope(PROFESSIONALS), today, False, False) for row in rows])

    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="The first-mission evaluations a labelling body asks of you, while the label is not granted "
        "(a professional).",
    )
    def label_evaluations_asked(self, info: Info[Context, None]) -> LabelEvaluationsAskedResult:
        professional = own_professional(info.context.signed_in, READ_OWN_TRACK)
        if professional is None:
            return _forbidden("the evaluations asked of a professional")
        queries = info.context.services.queries.label_tracks
        asked = []
        for row in queries.asked_evaluations(professional):
            version = queries.scheme_version(Scope(PROFESSIONALS), row.body_id, row.scheme_version)
            requirements = [LabelRequirement.build(r) for r in version.requirements] if version else []
            asked.append(
                LabelEvaluationAsked(
                    track_id=strawberry.ID(str(row.track_id)),
                    candidate_name=row.candidate_name,
                    body_name=row.body_name,
                    scheme_version=row.scheme_version,
                    requirements=requirements,
                    evaluated_on=row.evaluated_on if row.evaluated_by == professional else None,
                    evaluated_mission=row.evaluated_mission if row.evaluated_by == professional else None,
                )
            )
        return LabelEvaluationsAsked(evaluations=asked)


def _body_track(info: Info[Context, None], scope: Scope, row: TrackRow) -> LabelTrack:
    principal = info.context.signed_in
    today = info.context.services.app.today()
    return LabelTrack.build(row, scope, today, may(principal, RECORD_TRACK), may(principal, DECIDE_LABEL))
