"""The label scheme and the tracks as each reads them: a labelling body its own scheme and tracks, in its tenant; a
professional, in the realm, their own track and the first-mission evaluations asked of them. Pages of tracks are
keyset pages, by the candidate's name then id."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import and_, or_, select

from domain.labels.body import PROFESSIONALS
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.labels.track_rows import (
    RatingRow,
    RequirementRow,
    SchemeVersionRow,
    TrackHistoryRow,
    TrackRow,
)

REALM = Scope(PROFESSIONALS)


class LabelTrackQueries(FeatureQueries):
    # The scheme

    def scheme_versions(self, scope: Scope) -> list[SchemeVersionRow]:
        """The body's own scheme, every version, the newest first."""
        versions = self.t.label_scheme_versions
        query = select(versions).where(self.visible.rows(scope, versions), versions.c.body_id == scope.tenant_id)
        found = self._all(query.order_by(versions.c.version.desc()))
        return [self._version(scope, row) for row in found]

    def scheme_version(self, scope: Scope, body_id: UUID, version: int) -> SchemeVersionRow | None:
        """One version of a body's scheme as the scope's tenant holds it (the body's, or the realm's copy)."""
        versions = self.t.label_scheme_versions
        found = self._one(
            select(versions).where(
                self.visible.rows(scope, versions), versions.c.body_id == body_id, versions.c.version == version
            )
        )
        return None if found is None else self._version(scope, found)

    def _version(self, scope: Scope, row: dict[str, Any]) -> SchemeVersionRow:
        requirements = self.t.label_requirements
        found = self._all(
            select(requirements)
            .where(
                self.visible.rows(scope, requirements),
                requirements.c.body_id == row["body_id"],
                requirements.c.version == row["version"],
            )
            .order_by(requirements.c.position)
        )
        fields = {name: row[name] for name in SCHEME_FIELDS}
        given = tuple(RequirementRow(r["category"], r["key"], r["text"]) for r in found)
        return SchemeVersionRow(**fields, requirements=given)

    # The tracks, as the body reads them

    def tracks(self, scope: Scope, after: tuple[str, UUID] | None = None, limit: int = 50) -> list[TrackRow]:
        """The body's candidates' tracks, by name."""
        tracks = self.t.label_tracks
        conditions: list[Any] = [self.visible.rows(scope, tracks), tracks.c.body_id == scope.tenant_id]
        if after is not None:
            name, professional = after
            conditions.append(
                or_(
                    tracks.c.candidate_name > name,
                    and_(tracks.c.candidate_name == name, tracks.c.professional_id > professional),
                )
            )
        query = select(tracks).where(*conditions).order_by(tracks.c.candidate_name, tracks.c.professional_id)
        return [_track(row) for row in self._all(query.limit(limit))]

    def track(self, scope: Scope, professional_id: UUID) -> TrackRow | None:
        """One of the body's tracks, by its candidate."""
        tracks = self.t.label_tracks
        found = self._one(
            select(tracks).where(
                self.visible.rows(scope, tracks),
                tracks.c.body_id == scope.tenant_id,
                tracks.c.professional_id == professional_id,
            )
        )
        return None if found is None else _track(found)

    def history(self, scope: Scope, track_id: UUID) -> list[TrackHistoryRow]:
        history = self.t.label_track_history
        query = select(history).where(self.visible.rows(scope, history), history.c.track_id == track_id)
        return [
            TrackHistoryRow(row["position"], row["what"], row["on"], row["detail"])
            for row in self._all(query.order_by(history.c.position))
        ]

    def ratings(self, scope: Scope, track_id: UUID) -> list[RatingRow]:
        ratings = self.t.label_ratings
        query = select(ratings).where(self.visible.rows(scope, ratings), ratings.c.track_id == track_id)
        return [
            RatingRow(row["category"], row["key"], row["rating"], row["comment"])
            for row in self._all(query.order_by(ratings.c.position))
        ]

    # In the realm: the professional's own tracks and the evaluations asked of them

    def own_tracks(self, professional_id: UUID) -> list[TrackRow]:
        """The professional's tracks, one per labelling body, by the body's name."""
        tracks = self.t.label_tracks
        query = select(tracks).where(self.visible.rows(REALM, tracks), tracks.c.professional_id == professional_id)
        return [_track(row) for row in self._all(query.order_by(tracks.c.body_name, tracks.c.body_id))]

    def asked_evaluations(self, evaluator_id: UUID) -> list[TrackRow]:
        """The tracks whose first mission this professional is asked to evaluate, while the label is not granted."""
        tracks = self.t.label_tracks
        query = select(tracks).where(
            self.visible.rows(REALM, tracks),
            tracks.c.evaluator_id == evaluator_id,
            tracks.c.granted_on.is_(None),
            tracks.c.revoked_on.is_(None),
        )
        return [_track(row) for row in self._all(query.order_by(tracks.c.candidate_name, tracks.c.track_id))]

    def asked_evaluation(self, evaluator_id: UUID, track_id: UUID) -> TrackRow | None:
        """One track whose evaluation is asked of this professional, or None (as for a missing one)."""
        return next((row for row in self.asked_evaluations(evaluator_id) if row.track_id == track_id), None)

    # Whether a professional coaches for a consultancy, as the realm's links say

    def coaching_name(self, professional_id: UUID) -> str | None:
        """The professional's name from a link in force, or None when no consultancy's coach account is theirs."""
        links = self.t.professional_links
        found = self._one(
            select(links.c.professional_name)
            .where(
                self.visible.rows(REALM, links),
                links.c.professional_id == professional_id,
                links.c.status == "in_force",
            )
            .limit(1)
        )
        return None if found is None else str(found["professional_name"])


SCHEME_FIELDS = (
    "body_id",
    "version",
    "training_title",
    "training_minimum_hours",
    "pass_mark",
    "maximum_attempts",
    "validity_months",
    "renewal_missions",
    "renewal_days",
)
TRACK_FIELDS = tuple(TrackRow.__dataclass_fields__)


def _track(row: dict[str, Any]) -> TrackRow:
    return TrackRow(**{name: row[name] for name in TRACK_FIELDS})
