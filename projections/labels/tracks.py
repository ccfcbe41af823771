"""The label scheme's versions and the candidates' tracks, as read: each row in the labelling body's tenant and in
the professionals' realm, so that the body reads its own tenant and a professional theirs.

A track's history keeps one row per event (its position is the event's version on the track); its ratings are
those of the evaluation in force, replaced by a later one and cleared by a new cycle."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import and_, delete, insert, or_, update

from domain.labels.body import PROFESSIONALS
from domain.labels.rules import CATEGORIES
from domain.labels.scheme import LabelScheme
from domain.labels.track import LabelTrack
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter

CLEARED_STEPS = {
    "training_on": None,
    "training_provider": None,
    "training_evidence": None,
    "training_hours": None,
    "attempts": 0,
    "last_score": None,
    "exam_passed": False,
    "evaluator_id": None,
    "evaluator_name": None,
    "evaluated_on": None,
    "evaluated_by": None,
    "evaluated_mission": None,
    "evaluation_passed": None,
    "granted_on": None,
    "expires_on": None,
    "period_started_on": None,
    "suspended_on": None,
}


class LabelTrackProjection(Projection):
    name = "label_tracks"
    handles = {
        (LabelScheme, "Published"): "scheme_published",
        (LabelScheme, "VersionPublished"): "scheme_published",
        (LabelTrack, "Enrolled"): "enrolled",
        (LabelTrack, "Identified"): "identified",
        (LabelTrack, "EnrolledAgain"): "enrolled_again",
        (LabelTrack, "TrainingAttended"): "training_attended",
        (LabelTrack, "ExamAttempted"): "exam_attempted",
        (LabelTrack, "EvaluatorNamed"): "evaluator_named",
        (LabelTrack, "FirstMissionEvaluated"): "evaluated",
        (LabelTrack, "Granted"): "granted",
        (LabelTrack, "Renewed"): "renewed",
        (LabelTrack, "Suspended"): "suspended",
        (LabelTrack, "Reinstated"): "reinstated",
        (LabelTrack, "Revoked"): "revoked",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        self.t = tables
        self._version = insert(tables.label_scheme_versions)
        self._requirement = insert(tables.label_requirements)
        self._track = insert(tables.label_tracks)
        self._history = insert(tables.label_track_history)
        self._rating = insert(tables.label_ratings)

    # The scheme

    def scheme_published(self, writer: GroupedWriter, event: Any) -> None:
        version = event.originator_version
        row = {
            "version": version,
            "training_title": event.training_title,
            "training_minimum_hours": event.training_minimum_hours,
            "pass_mark": event.pass_mark,
            "maximum_attempts": event.maximum_attempts,
            "validity_months": event.validity_months,
            "renewal_missions": event.renewal_missions,
            "renewal_days": event.renewal_days,
        }
        for tenant in _tenants(event):
            writer.write(self._version, {**row, **tenant})
            for position, (category, key, text) in enumerate(event.requirements):
                requirement = {"version": version, "position": position, "category": category, "key": key}
                writer.write(self._requirement, {**requirement, "text": text, **tenant})

    # The track

    def enrolled(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "professional_id": event.professional_id,
            "track_id": event.originator_id,
            "body_name": "",
            "candidate_name": "",
            "candidate_email": "",
            "cycle": 1,
            "scheme_version": event.scheme_version,
            "enrolled_on": event.enrolled_on,
            "revoked_on": None,
            **CLEARED_STEPS,
        }
        for tenant in _tenants(event):
            writer.write(self._track, {**row, **tenant})
        self._note(writer, event, "enrolled", event.enrolled_on, f"On version {event.scheme_version}.")

    def identified(self, writer: GroupedWriter, event: Any) -> None:
        names = {"candidate_name": event.name, "candidate_email": event.email, "body_name": event.body_name}
        self._change(writer, event, names)

    def enrolled_again(self, writer: GroupedWriter, event: Any) -> None:
        values = {"cycle": event.cycle, "scheme_version": event.scheme_version, "enrolled_on": event.enrolled_on}
        self._change(writer, event, {**values, **CLEARED_STEPS})
        writer.write(delete(self.t.label_ratings).where(self._of_track(self.t.label_ratings, event)), {})
        detail = f"Cycle {event.cycle}, on version {event.scheme_version}."
        self._note(writer, event, "enrolled_again", event.enrolled_on, detail)

    def training_attended(self, writer: GroupedWriter, event: Any) -> None:
        values = {
            "training_on": event.attended_on,
            "training_provider": event.provider,
            "training_evidence": event.evidence,
            "training_hours": event.hours,
        }
        self._change(writer, event, values)
        self._note(writer, event, "training", event.attended_on, f"{event.provider}, {event.hours:g} hours.")

    def exam_attempted(self, writer: GroupedWriter, event: Any) -> None:
        values = {"attempts": event.attempt, "last_score": event.score, "exam_passed": event.passed}
        self._change(writer, event, values)
        outcome = "passed" if event.passed else "failed"
        detail = f"Attempt {event.attempt}: {event.score}% (pass mark {event.pass_mark}%), {outcome}."
        self._note(writer, event, "exam", event.sat_on, detail)

    def evaluator_named(self, writer: GroupedWriter, event: Any) -> None:
        self._change(writer, event, {"evaluator_id": event.evaluator_id, "evaluator_name": event.name})
        self._note(writer, event, "evaluator_named", None, event.name)

    def evaluated(self, writer: GroupedWriter, event: Any) -> None:
        passed = set(event.passed_categories) == set(CATEGORIES)
        values = {
            "evaluated_on": event.evaluated_on,
            "evaluated_by": event.evaluator_id,
            "evaluated_mission": event.mission,
            "evaluation_passed": passed,
        }
        self._change(writer, event, values)
        ratings = self.t.label_ratings
        writer.write(delete(ratings).where(self._of_track(ratings, event)), {})
        for tenant in _tenants(event):
            for position, (category, key, rating, comment) in enumerate(event.ratings):
                row = {"track_id": event.originator_id, "position": position, "category": category, "key": key}
                row |= {"rating": rating, "comment": comment, "tenant_id": tenant["tenant_id"]}
                writer.write(self._rating, row)
        detail = f"{event.mission}: {'passes' if passed else 'does not pass'}."
        self._note(writer, event, "evaluation", event.evaluated_on, detail)

    def granted(self, writer: GroupedWriter, event: Any) -> None:
        self._change(
            writer,
            event,
            {"granted_on": event.granted_on, "expires_on": event.expires_on, "period_started_on": event.granted_on},
        )
        self._note(writer, event, "granted", event.granted_on, f"Valid until {event.expires_on.isoformat()}.")

    def renewed(self, writer: GroupedWriter, event: Any) -> None:
        self._change(writer, event, {"expires_on": event.expires_on, "period_started_on": event.renewed_on})
        detail = (
            f"{len(event.missions)} missions, {event.coaching_days:g} days of coaching; valid until "
            f"{event.expires_on.isoformat()}."
        )
        self._note(writer, event, "renewed", event.renewed_on, detail)

    def suspended(self, writer: GroupedWriter, event: Any) -> None:
        self._change(writer, event, {"suspended_on": event.suspended_on})
        self._note(writer, event, "suspended", event.suspended_on, event.reason)

    def reinstated(self, writer: GroupedWriter, event: Any) -> None:
        self._change(writer, event, {"suspended_on": None})
        self._note(writer, event, "reinstated", event.reinstated_on, event.reason)

    def revoked(self, writer: GroupedWriter, event: Any) -> None:
        self._change(writer, event, {"revoked_on": event.revoked_on})
        self._note(writer, event, "revoked", event.revoked_on, event.reason)

    # Writing both rows

    def _change(self, writer: GroupedWriter, event: Any, values: dict[str, Any]) -> None:
        tracks = self.t.label_tracks
        writer.write(update(tracks).where(self._of_track(tracks, event)).values(**values), {})

    def _note(self, writer: GroupedWriter, event: Any, what: str, on: Any, detail: str) -> None:
        row = {"track_id": event.originator_id, "position": event.originator_version, "what": what, "on": on}
        for tenant in _tenants(event):
            writer.write(self._history, {**row, "detail": detail, "tenant_id": tenant["tenant_id"]})

    @staticmethod
    def _of_track(table: Any, event: Any) -> Any:
        tenant = or_(table.c.tenant_id == event.tenant_id, table.c.tenant_id == PROFESSIONALS)
        return and_(tenant, table.c.track_id == event.originator_id)


def _tenants(event: Any) -> list[dict[str, UUID]]:
    """The body's own row and the realm's."""
    body: UUID = event.tenant_id
    return [{"tenant_id": body, "body_id": body}, {"tenant_id": PROFESSIONALS, "body_id": body}]
