"""The label's command handlers: load the scheme and the track (tenant-checked), call one method, save. A track's
steps are checked against the scheme version it enrolled on, read here from the scheme."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from domain.labels.commands import (
    AttestMission,
    CorrectMissionAttestation,
    EnrolCandidate,
    EvaluateFirstMission,
    GrantLabel,
    NameEvaluator,
    PublishLabelScheme,
    RecordExamAttempt,
    RecordLabelTraining,
    ReinstateLabel,
    RenewLabel,
    RevokeLabel,
    SuspendLabel,
    WithdrawMissionAttestation,
)
from domain.labels.missions import MissionAttestation
from domain.labels.scheme import LabelScheme, SchemeVersion, scheme_id
from domain.labels.track import LabelTrack, track_id
from domain.shared.errors import NotFound
from domain.shared.ports import Handler, Store
from domain.shared.service import Saved

ALREADY_PUBLISHED = "The scheme was published at the same moment. Reload and try again."
ALREADY_ENROLLED = "This professional is already enrolled on the scheme."
ALREADY_ATTESTED = "This professional's mission with this member is already attested; correct it instead."


def publish_label_scheme(app: Store, cmd: PublishLabelScheme) -> Saved:
    if not app.exists(LabelScheme, cmd.tenant_id, scheme_id(cmd.tenant_id)):
        scheme = LabelScheme.publish_first(cmd.tenant_id, cmd.actor_id, cmd.scheme)
        return app.save_new(scheme, "scheme", ALREADY_PUBLISHED)
    scheme = _scheme(app, cmd.tenant_id)
    scheme.publish(cmd.actor_id, cmd.scheme)
    return app.save_changes(scheme)


def enrol_candidate(app: Store, cmd: EnrolCandidate) -> Saved:
    """On the scheme's current version; one track per professional, on which a new cycle starts once the exam's
    attempts are used up or the label expired (a revoked label is not earned again)."""
    scheme = _scheme(app, cmd.tenant_id)
    current = scheme.current
    existing = track_id(cmd.tenant_id, cmd.professional_id)
    if app.exists(LabelTrack, cmd.tenant_id, existing):
        track = app.get(LabelTrack, cmd.tenant_id, existing)
        track.enrol_again(cmd.actor_id, scheme.of_version(track.scheme_version), current, cmd.enrolled_on)
        _identify(track, cmd)
        return app.save_changes(track)
    track = LabelTrack.enrol(cmd.tenant_id, cmd.actor_id, cmd.professional_id, current, cmd.enrolled_on)
    _identify(track, cmd)
    return app.save_new(track, "professional_id", ALREADY_ENROLLED)


def _identify(track: LabelTrack, cmd: EnrolCandidate) -> None:
    if cmd.candidate_name and track.candidate_name != cmd.candidate_name:
        track.identify(cmd.actor_id, cmd.candidate_name, cmd.candidate_email, cmd.body_name)


def name_evaluator(app: Store, cmd: NameEvaluator) -> Saved:
    return _on_track(app, cmd, lambda t, v: t.name_evaluator(cmd.actor_id, v, cmd.evaluator_id, cmd.evaluator_name))


def record_label_training(app: Store, cmd: RecordLabelTraining) -> Saved:
    def record(track: LabelTrack, version: SchemeVersion) -> None:
        track.record_training(cmd.actor_id, version, cmd.attended_on, cmd.provider, cmd.evidence, cmd.hours)

    return _on_track(app, cmd, record)


def record_exam_attempt(app: Store, cmd: RecordExamAttempt) -> Saved:
    return _on_track(app, cmd, lambda t, v: t.record_exam_attempt(cmd.actor_id, v, cmd.sat_on, cmd.score))


def evaluate_first_mission(app: Store, cmd: EvaluateFirstMission) -> Saved:
    def evaluate(track: LabelTrack, version: SchemeVersion) -> None:
        track.evaluate_first_mission(
            cmd.actor_id, version, cmd.evaluator_id, cmd.mission, cmd.evaluated_on, cmd.ratings
        )

    return _on_track(app, cmd, evaluate)


def grant_label(app: Store, cmd: GrantLabel) -> Saved:
    return _on_track(app, cmd, lambda t, v: t.grant(cmd.actor_id, v, cmd.granted_on))


def renew_label(app: Store, cmd: RenewLabel) -> Saved:
    return _on_track(app, cmd, lambda t, v: t.renew(cmd.actor_id, v, cmd.renewed_on, cmd.missions))


def suspend_label(app: Store, cmd: SuspendLabel) -> Saved:
    return _on_track(app, cmd, lambda t, _: t.suspend(cmd.actor_id, cmd.suspended_on, cmd.reason))


def reinstate_label(app: Store, cmd: ReinstateLabel) -> Saved:
    return _on_track(app, cmd, lambda t, _: t.reinstate(cmd.actor_id, cmd.reinstated_on, cmd.reason))


def revoke_label(app: Store, cmd: RevokeLabel) -> Saved:
    return _on_track(app, cmd, lambda t, _: t.revoke(cmd.actor_id, cmd.revoked_on, cmd.reason))


def attest_mission(app: Store, cmd: AttestMission) -> Saved:
    mission = MissionAttestation.attest(
        cmd.tenant_id, cmd.actor_id, cmd.professional_id, cmd.cluster_id, cmd.organisation_id, cmd.facts
    )
    return app.save_new(mission, "organisation_id", ALREADY_ATTESTED)


def correct_mission_attestation(app: Store, cmd: CorrectMissionAttestation) -> Saved:
    mission = app.get(MissionAttestation, cmd.tenant_id, cmd.mission_id, "mission_id")
    mission.correct(cmd.actor_id, cmd.facts, cmd.reason)
    return app.save_changes(mission)


def withdraw_mission_attestation(app: Store, cmd: WithdrawMissionAttestation) -> Saved:
    mission = app.get(MissionAttestation, cmd.tenant_id, cmd.mission_id, "mission_id")
    mission.withdraw(cmd.actor_id, cmd.reason)
    return app.save_changes(mission)


def _scheme(app: Store, tenant_id: UUID) -> LabelScheme:
    if not app.exists(LabelScheme, tenant_id, scheme_id(tenant_id)):
        raise NotFound("The labelling body has published no scheme yet.", "scheme")
    return app.get(LabelScheme, tenant_id, scheme_id(tenant_id), "scheme")


def _on_track(app: Store, cmd: Any, act: Callable[[LabelTrack, SchemeVersion], None]) -> Saved:
    """The candidate's track, acted on with the scheme version it enrolled on."""
    track = app.get(LabelTrack, cmd.tenant_id, track_id(cmd.tenant_id, cmd.professional_id), "professional_id")
    act(track, _scheme(app, cmd.tenant_id).of_version(track.scheme_version))
    return app.save_changes(track)


HANDLERS: dict[type, Handler] = {
    PublishLabelScheme: publish_label_scheme,
    EnrolCandidate: enrol_candidate,
    RecordLabelTraining: record_label_training,
    RecordExamAttempt: record_exam_attempt,
    EvaluateFirstMission: evaluate_first_mission,
    GrantLabel: grant_label,
    RenewLabel: renew_label,
    SuspendLabel: suspend_label,
    ReinstateLabel: reinstate_label,
    RevokeLabel: revoke_label,
    AttestMission: attest_mission,
    CorrectMissionAttestation: correct_mission_attestation,
    WithdrawMissionAttestation: withdraw_mission_attestation,
    NameEvaluator: name_evaluator,
}
