"""The label's command handlers: load the scheme and the track (tenant-checked), call one method, save. A track's
steps are checked against the scheme version it enrolled on, read here from the scheme."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol
from uuid import UUID, uuid4

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
from domain.labels.credential import (
    CountedMission,
    LabelCredential,
    Statement,
    StatusList,
    credential_record_id,
    lowest_ratings,
    status_list_id,
)
from domain.labels.missions import ALREADY_ATTESTED, MissionAttestation, attestation_id
from domain.labels.scheme import LabelScheme, SchemeVersion, scheme_id
from domain.labels.track import CoachedMission, LabelTrack, track_id
from domain.shared.errors import NotFound
from domain.shared.ports import Handler, Store
from domain.shared.service import Saved

ALREADY_PUBLISHED = "The scheme was published at the same moment. Reload and try again."
ALREADY_ENROLLED = "This professional is already enrolled on the scheme."


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


class Professionals(Store, Protocol):
    """The name a professional's realm account gives them: what their credential states."""

    def professional_name(self, professional_id: UUID) -> str: ...


def grant_label(app: Professionals, cmd: GrantLabel) -> Saved:
    """The grant, and in the same transaction the credential it issues (see `domain/labels/credential.py`)."""
    track = _track(app, cmd)
    version = _scheme(app, cmd.tenant_id).of_version(track.scheme_version)
    track.grant(cmd.actor_id, version, cmd.granted_on)
    return app.save_changes(track, *_issued(app, cmd.actor_id, track, version))


def renew_label(app: Professionals, cmd: RenewLabel) -> Saved:
    """The renewal, and the credential reissued for the new period with the missions it counted."""
    track = _track(app, cmd)
    version = _scheme(app, cmd.tenant_id).of_version(track.scheme_version)
    counted_before = track.renewed_missions
    track.renew(cmd.actor_id, version, cmd.renewed_on, cmd.missions)
    counted = _newly_counted(cmd.missions, track.renewed_missions - counted_before)
    record = credential_record_id(cmd.tenant_id, cmd.professional_id, track.cycle)
    if not app.exists(LabelCredential, cmd.tenant_id, record):  # granted before credentials were issued
        return app.save_changes(track, *_issued(app, cmd.actor_id, track, version))
    credential = app.get(LabelCredential, cmd.tenant_id, record)
    assert track.period_started_on is not None
    assert track.expires_on is not None
    credential.reissue(cmd.actor_id, track.period_started_on, track.expires_on, counted)
    return app.save_changes(track, credential)


def suspend_label(app: Store, cmd: SuspendLabel) -> Saved:
    return _on_track(app, cmd, lambda t, _: t.suspend(cmd.actor_id, cmd.suspended_on, cmd.reason))


def reinstate_label(app: Store, cmd: ReinstateLabel) -> Saved:
    return _on_track(app, cmd, lambda t, _: t.reinstate(cmd.actor_id, cmd.reinstated_on, cmd.reason))


def revoke_label(app: Store, cmd: RevokeLabel) -> Saved:
    return _on_track(app, cmd, lambda t, _: t.revoke(cmd.actor_id, cmd.revoked_on, cmd.reason))


def attest_mission(app: Store, cmd: AttestMission) -> Saved:
    """A first attestation, or a withdrawn one made again on the same aggregate (a standing one: CONFLICT)."""
    known = attestation_id(cmd.tenant_id, cmd.professional_id, cmd.cluster_id, cmd.organisation_id)
    if app.exists(MissionAttestation, cmd.tenant_id, known):
        withdrawn = app.get(MissionAttestation, cmd.tenant_id, known, "organisation_id")
        withdrawn.attest_again(cmd.actor_id, cmd.facts)
        return app.save_changes(withdrawn)
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


def _track(app: Store, cmd: Any) -> LabelTrack:
    return app.get(LabelTrack, cmd.tenant_id, track_id(cmd.tenant_id, cmd.professional_id), "professional_id")


def _on_track(app: Store, cmd: Any, act: Callable[[LabelTrack, SchemeVersion], None]) -> Saved:
    """The candidate's track, acted on with the scheme version it enrolled on."""
    track = _track(app, cmd)
    act(track, _scheme(app, cmd.tenant_id).of_version(track.scheme_version))
    return app.save_changes(track)


def _issued(
    app: Professionals, actor_id: UUID, track: LabelTrack, version: SchemeVersion
) -> tuple[LabelCredential, StatusList]:
    """The credential of the label just granted (or renewed), with its entry allocated in the body's open list."""
    status_list = _open_status_list(app, track.tenant_id, actor_id)
    credential_id = uuid4()  # public and unguessable: it names nobody
    index = status_list.allocate(actor_id, credential_id)
    assert track.training
    assert track.evaluation
    assert track.granted_on
    assert track.expires_on
    statement = Statement(
        professional_id=track.professional_id,
        name=track.candidate_name or app.professional_name(track.professional_id),  # as the body enrolled them
        scheme_version=version.version,
        training_title=version.training_title,
        training_provider=track.training.provider,
        trained_on=track.training.attended_on,
        exam_passed_on=next(attempt.sat_on for attempt in track.attempts if attempt.passed),
        evaluated_on=track.evaluation.evaluated_on,
        results=lowest_ratings([(r.category, r.rating) for r in track.evaluation.ratings]),
        awarded_on=track.granted_on,
    )
    assert track.period_started_on is not None
    valid = (track.period_started_on, track.expires_on)
    credential = LabelCredential.issue(
        track.tenant_id, actor_id, track.cycle, credential_id, (status_list.number, index), statement, valid
    )
    return credential, status_list


def _open_status_list(app: Store, tenant_id: UUID, actor_id: UUID) -> StatusList:
    """The first of the body's lists with an entry left, opened if there is none."""
    number = 1
    while app.exists(StatusList, tenant_id, status_list_id(tenant_id, number)):
        found = app.get(StatusList, tenant_id, status_list_id(tenant_id, number))
        if len(found.used) < found.entries:
            return found
        number += 1
    return StatusList.open(tenant_id, actor_id, number)


def _newly_counted(given: Iterable[CoachedMission], counted: Iterable[str]) -> list[CountedMission]:
    """The missions the renewal counted, as it was given them, in the order of their ids."""
    by_id: dict[str, CoachedMission] = {}
    for mission in given:
        by_id.setdefault(str(mission.mission_id), mission)
    return [
        CountedMission(by_id[key].mission_id, by_id[key].ended_on, by_id[key].coaching_days) for key in sorted(counted)
    ]


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
