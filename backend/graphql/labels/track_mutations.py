"""The labelling body's commands on its scheme and its candidates' tracks, through the one command path (`change`):
the tenant and the acting account from the session. The evaluating coach, a professional signed in to their
realm, records the first-mission evaluation asked of them, on the body's track that names them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any
from uuid import UUID

import anyio.to_thread
import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import STORAGE_FAILURES, change, role_refusal
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, parse_id, unavailable, user_error
from backend.graphql.core.loaders import forget_reads
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.labels.actions import DECIDE_LABEL, EVALUATE_FIRST_MISSION, PUBLISH_SCHEME, RECORD_TRACK
from backend.graphql.labels.track_inputs import (
    EnrolCandidateInput,
    ExamAttemptInput,
    GrantLabelInput,
    LabelTrainingInput,
    NameLabelEvaluatorInput,
    PublishLabelSchemeInput,
    ReinstateLabelInput,
    RenewLabelInput,
    RevokeLabelInput,
    SubmitFirstMissionEvaluationInput,
    SuspendLabelInput,
)
from backend.graphql.labels.track_types import (
    LabelSchemePublished,
    LabelSchemePublishedResult,
    LabelStatus,
    LabelTrackChange,
    LabelTrackChangeResult,
)
from backend.policy import (
    NOT_A_COACH,
    attested_missions,
    authorize_evaluator,
    authorize_professional,
    coaching_professional_name,
)
from domain.labels.body import PROFESSIONALS
from domain.labels.commands import (
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
)
from domain.labels.scheme import RequirementGiven, SchemeGiven
from domain.labels.track import RatingGiven
from domain.shared.email import normalise_email
from domain.shared.errors import DomainError, NotFound, ValidationFailed, every_check
from domain.shared.text import single_line
from domain.tenancy.account import DISPLAY_NAME_MAX_LENGTH, account_id
from projections.core.scope import Scope

NO_EVALUATION = "No first-mission evaluation is asked of you with this id."


@strawberry.type
class LabelTrackMutation:
    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Publish the label scheme: its first version, or a new one (a labelling body's staff). Tracks "
        "under way keep the version they enrolled on.",
    )
    async def publish_label_scheme(
        self, info: Info[Context, None], input: PublishLabelSchemeInput
    ) -> LabelSchemePublishedResult:
        given = input.scheme
        scheme = SchemeGiven(
            training_title=given.training_title,
            training_minimum_hours=given.training_minimum_hours,
            pass_mark=given.pass_mark,
            maximum_attempts=given.maximum_attempts,
            requirements=tuple(RequirementGiven(r.category, r.key, r.text) for r in given.requirements),
            validity_months=given.validity_months,
            renewal_missions=given.renewal_missions,
            renewal_days=given.renewal_days,
        )
        done = await change(info, PUBLISH_SCHEME, PublishLabelScheme, scheme=scheme)
        if not isinstance(done, tuple):
            return done
        versions = info.context.services.queries.label_tracks.scheme_versions(Scope(info.context.signed_in.tenant_id))
        return LabelSchemePublished(version=versions[0].version if versions else 0)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Enrol a professional on the scheme's current version, by their e-mail, or start a new cycle "
        "(a labelling body's staff). The answer is the same whether or not they have opened their account yet.",
    )
    async def enrol_label_candidate(
        self, info: Info[Context, None], input: EnrolCandidateInput
    ) -> LabelTrackChangeResult:
        refused = role_refusal(info, RECORD_TRACK)
        if refused is not None:
            return refused
        try:
            email, name = every_check(
                lambda: normalise_email(input.email),
                lambda: single_line("display_name", input.display_name, DISPLAY_NAME_MAX_LENGTH),
            )
        except DomainError as error:
            return user_error(error)
        scope = Scope(info.context.signed_in.tenant_id)
        body_name = info.context.services.queries.labels.labelling_body_name(scope) or ""
        professional = account_id(email)
        fields = {"candidate_name": name, "candidate_email": email, "body_name": body_name}
        done = await change(
            info, RECORD_TRACK, EnrolCandidate, professional_id=professional, enrolled_on=input.enrolled_on, **fields
        )
        return _answer(info, done, professional, {"professionalId": "email"})

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Record the candidate's training (a labelling body's staff)."
    )
    async def record_label_training(
        self, info: Info[Context, None], input: LabelTrainingInput
    ) -> LabelTrackChangeResult:
        given = {"attended_on": input.attended_on, "provider": input.provider, "evidence": input.evidence}
        done = await change(
            info, RECORD_TRACK, RecordLabelTraining, professional_id=input.professional_id, hours=input.hours, **given
        )
        return _answer(info, done, input.professional_id)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Record an exam attempt (a labelling body's staff)."
    )
    async def record_exam_attempt(self, info: Info[Context, None], input: ExamAttemptInput) -> LabelTrackChangeResult:
        done = await change(
            info,
            RECORD_TRACK,
            RecordExamAttempt,
            professional_id=input.professional_id,
            sat_on=input.sat_on,
            score=input.score,
        )
        return _answer(info, done, input.professional_id)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Name the coach who evaluates the candidate's first mission, by their e-mail in the "
        "professionals' realm: another professional who coaches for a consultancy (a labelling body's staff).",
    )
    async def name_label_evaluator(
        self, info: Info[Context, None], input: NameLabelEvaluatorInput
    ) -> LabelTrackChangeResult:
        refused = role_refusal(info, RECORD_TRACK)
        if refused is not None:
            return refused
        try:
            candidate = parse_id(input.professional_id, "professional_id")
            evaluator = account_id(normalise_email(input.evaluator_email, "evaluator_email"))
            authorize_evaluator(info.context.signed_in, RECORD_TRACK, candidate, evaluator)
            name = coaching_professional_name(info.context.services.queries, evaluator)
            if name is None:
                raise ValidationFailed("evaluator_email", NOT_A_COACH)
        except DomainError as error:
            return user_error(error)
        done = await change(
            info, RECORD_TRACK, NameEvaluator, professional_id=candidate, evaluator_id=evaluator, evaluator_name=name
        )
        return _answer(info, done, candidate, {"evaluatorId": "evaluatorEmail"})

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Grant the label once every step passed (a labelling body's staff).",
    )
    async def grant_label(self, info: Info[Context, None], input: GrantLabelInput) -> LabelTrackChangeResult:
        done = await change(
            info, DECIDE_LABEL, GrantLabel, professional_id=input.professional_id, granted_on=input.granted_on
        )
        return _answer(info, done, input.professional_id)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Renew a valid label for another period, on the missions the consultancies attested for the "
        "professional since the grant or the last renewal (a labelling body's staff).",
    )
    async def renew_label(self, info: Info[Context, None], input: RenewLabelInput) -> LabelTrackChangeResult:
        refused = role_refusal(info, DECIDE_LABEL)
        if refused is not None:
            return refused
        try:
            professional = parse_id(input.professional_id, "professional_id")
        except DomainError as error:
            return user_error(error)
        missions = attested_missions(info.context.services.queries, professional)
        given = {"renewed_on": input.renewed_on, "missions": missions}
        done = await change(info, DECIDE_LABEL, RenewLabel, professional_id=professional, **given)
        return _answer(info, done, professional)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED, description="Suspend a valid label, saying why (a labelling body's staff)."
    )
    async def suspend_label(self, info: Info[Context, None], input: SuspendLabelInput) -> LabelTrackChangeResult:
        given = {"suspended_on": input.suspended_on, "reason": input.reason}
        done = await change(info, DECIDE_LABEL, SuspendLabel, professional_id=input.professional_id, **given)
        return _answer(info, done, input.professional_id)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Reinstate a suspended label, saying why (a labelling body's staff).",
    )
    async def reinstate_label(self, info: Info[Context, None], input: ReinstateLabelInput) -> LabelTrackChangeResult:
        given = {"reinstated_on": input.reinstated_on, "reason": input.reason}
        done = await change(info, DECIDE_LABEL, ReinstateLabel, professional_id=input.professional_id, **given)
        return _answer(info, done, input.professional_id)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Revoke a granted label for good, saying why (a labelling body's staff).",
    )
    async def revoke_label(self, info: Info[Context, None], input: RevokeLabelInput) -> LabelTrackChangeResult:
        given = {"revoked_on": input.revoked_on, "reason": input.reason}
        done = await change(info, DECIDE_LABEL, RevokeLabel, professional_id=input.professional_id, **given)
        return _answer(info, done, input.professional_id)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Record the first-mission evaluation a labelling body asked of you: a rating and a comment for "
        "every requirement (a professional, never on their own track).",
    )
    async def submit_first_mission_evaluation(
        self, info: Info[Context, None], input: SubmitFirstMissionEvaluationInput
    ) -> LabelTrackChangeResult:
        refused = role_refusal(info, EVALUATE_FIRST_MISSION)
        if refused is not None:
            return refused
        principal, queries = info.context.signed_in, info.context.services.queries.label_tracks
        try:
            authorize_professional(principal, EVALUATE_FIRST_MISSION)
            row = queries.asked_evaluation(principal.account_id, parse_id(input.track_id, "track_id"))
            if row is None:
                raise NotFound(NO_EVALUATION, "track_id")
            version = queries.scheme_version(Scope(PROFESSIONALS), row.body_id, row.scheme_version)
            categories = {r.key: r.category for r in version.requirements} if version else {}
            ratings = tuple(RatingGiven(categories.get(r.key, ""), r.key, r.rating, r.comment) for r in input.ratings)
            command = EvaluateFirstMission(
                row.body_id,
                principal.account_id,
                row.professional_id,
                principal.account_id,
                input.mission,
                input.evaluated_on,
                ratings,
            )
        except DomainError as error:
            return user_error(error)
        return await _evaluated(info, command)


async def _evaluated(info: Info[Context, None], command: EvaluateFirstMission) -> LabelTrackChangeResult:
    """The evaluation saved in the labelling body's tenant, on the track that names this evaluator."""
    context = info.context
    try:
        await anyio.to_thread.run_sync(context.services.execute, command)
    except DomainError as error:
        if error.code == "PROJECTIONS_BEHIND":
            context.note_saved()
        return user_error(error)
    except STORAGE_FAILURES:
        return unavailable()
    context.note_saved()
    forget_reads(context)
    return LabelTrackChange(professional_id=strawberry.ID(str(command.professional_id)), status=LabelStatus.CANDIDATE)


def _answer(
    info: Info[Context, None],
    done: tuple[Any, Any] | Refusal,
    professional: object,
    fields: dict[str, str] | None = None,
) -> LabelTrackChangeResult:
    """The track's status as read after the change, or the refusal with its field named as the input names it."""
    if not isinstance(done, tuple):
        renamed = (fields or {}).get(done.field or "")
        return replace(done, field=renamed) if renamed else done
    professional_id = professional if isinstance(professional, UUID) else UUID(str(professional))
    scope = Scope(info.context.signed_in.tenant_id)
    row = info.context.services.queries.label_tracks.track(scope, professional_id)
    status = LabelStatus(row.status_on(info.context.services.app.today()).value) if row else LabelStatus.CANDIDATE
    return LabelTrackChange(professional_id=strawberry.ID(str(professional_id)), status=status)
