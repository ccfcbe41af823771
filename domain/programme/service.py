"""Commands of the cluster programme: one method each. Load (tenant-checked), call the aggregate, save."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from domain.assessment import handlers as assessment_handlers
from domain.assessment.commands import AssessGap
from domain.clusters.cluster import Cluster, MemberUnavailable
from domain.clusters.commands import (
    AcceptPlan,
    AdmitOrganisation,
    CancelSession,
    CloseCluster,
    DeclareUnavailability,
    FormCluster,
    HoldSession,
    MoveSession,
    StartCluster,
    WithdrawMember,
)
from domain.clusters.planner import Period, PlanProposal, propose_plan
from domain.engagement.commands import (
    LogCoachingHalfDay,
    PlanCertificationAudit,
    RaiseCoachingCeiling,
    RecordCertified,
    RecordIsmsEstablished,
)
from domain.engagement.outcome import Outcome
from domain.feedback import handlers as feedback_handlers
from domain.feedback.commands import HideFeedback, ShareFeedback, WithdrawFeedback
from domain.organisations import handlers as organisations_handlers
from domain.organisations.commands import RegisterOrganisation
from domain.organisations.organisation import Organisation
from domain.programme_template.template import ProgrammeTemplate
from domain.shared.errors import Conflict, ValidationFailed
from domain.shared.service import CommandService, Saved


class ProgrammeCommands(CommandService):
    """Needs three answers from the consultancy's side, given by the composing application (see the hooks)."""

    # Organisations and clusters

    def register_organisation(self, cmd: RegisterOrganisation) -> Saved:
        return organisations_handlers.register_organisation(self, cmd)

    def form_cluster(self, cmd: FormCluster) -> Saved:
        self._check_coach(cmd.tenant_id, cmd.coach_id, "coach_id")
        cluster = Cluster.form(cmd.tenant_id, cmd.actor_id, cmd.name, cmd.coach_id, cmd.planned_start, cmd.planned_end)
        return self.save_new(cluster, "name", "A cluster with this name already exists.")

    def admit_organisation(self, cmd: AdmitOrganisation) -> Saved:
        cluster = self._cluster(cmd.tenant_id, cmd.cluster_id)
        self.get(Organisation, cmd.tenant_id, cmd.organisation_id, "organisation_id")
        cluster.admit(cmd.actor_id, cmd.organisation_id, cmd.criteria, self._cluster_size_limit(cmd.tenant_id))
        return self.save_changes(cluster)

    def withdraw_member(self, cmd: WithdrawMember) -> Saved:
        cluster = self._cluster(cmd.tenant_id, cmd.cluster_id)
        outcome = self._engagement_outcome(cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
        cluster.withdraw(cmd.actor_id, cmd.organisation_id, cmd.withdrawn_on, cmd.reason, outcome)
        return self.save_changes(cluster)

    def declare_unavailability(self, cmd: DeclareUnavailability) -> Saved:
        cluster = self._cluster(cmd.tenant_id, cmd.cluster_id)
        cluster.declare_unavailability(cmd.actor_id, cmd.organisation_id, cmd.starts_on, cmd.ends_on, cmd.reason)
        return self.save_changes(cluster)

    # Planning

    def accept_plan(self, cmd: AcceptPlan) -> Saved:
        cluster = self._cluster(cmd.tenant_id, cmd.cluster_id)
        template = self._current_template(cmd.tenant_id)
        proposal = self._proposal(cluster, template, cmd.starts_on)
        if cmd.fingerprint and proposal.fingerprint() != cmd.fingerprint:
            raise Conflict("The cluster changed since this proposal was shown: review the new one.", "fingerprint")
        records = [session.as_record() for session in proposal.sessions]
        cluster.accept_plan(cmd.actor_id, template, cmd.starts_on, records)
        return self.save_changes(cluster)

    def move_session(self, cmd: MoveSession) -> Saved:
        cluster = self._cluster(cmd.tenant_id, cmd.cluster_id)
        self._check_slot_not_coached(cluster, cmd.session_key)
        try:
            cluster.move_session(cmd.actor_id, cmd.session_key, cmd.on, cmd.half_day, cmd.reason)
        except MemberUnavailable as clash:
            name = self.get(Organisation, cmd.tenant_id, clash.organisation_id).name
            raise ValidationFailed("on", f"{name} has declared itself unavailable then.") from None
        return self.save_changes(cluster)

    # Running

    def start_cluster(self, cmd: StartCluster) -> Saved:
        cluster = self._cluster(cmd.tenant_id, cmd.cluster_id)
        cluster.start(cmd.actor_id, cmd.started_on, self._cluster_size_limit(cmd.tenant_id))
        return self.save_changes(cluster)

    def close_cluster(self, cmd: CloseCluster) -> Saved:
        cluster = self._cluster(cmd.tenant_id, cmd.cluster_id)
        cluster.close(cmd.actor_id, cmd.closed_on)
        return self.save_changes(cluster)

    def hold_session(self, cmd: HoldSession) -> Saved:
        cluster = self._cluster(cmd.tenant_id, cmd.cluster_id)
        self._check_slot_not_coached(cluster, cmd.session_key)
        cluster.hold_session(cmd.actor_id, cmd.session_key, cmd.held_on, cmd.half_days, cmd.attendance)
        return self.save_changes(cluster)

    def cancel_session(self, cmd: CancelSession) -> Saved:
        cluster = self._cluster(cmd.tenant_id, cmd.cluster_id)
        self._check_slot_not_coached(cluster, cmd.session_key)
        cluster.cancel_session(cmd.actor_id, cmd.session_key, cmd.reason)
        return self.save_changes(cluster)

    # Coaching and outcomes

    def log_coaching_half_day(self, cmd: LogCoachingHalfDay) -> Saved:
        return self.handle(cmd)

    def raise_coaching_ceiling(self, cmd: RaiseCoachingCeiling) -> Saved:
        return self.handle(cmd)

    def record_isms_established(self, cmd: RecordIsmsEstablished) -> Saved:
        return self.handle(cmd)

    def plan_certification_audit(self, cmd: PlanCertificationAudit) -> Saved:
        return self.handle(cmd)

    def record_certified(self, cmd: RecordCertified) -> Saved:
        return self.handle(cmd)

    # Gap analysis

    def assess_gap(self, cmd: AssessGap) -> Saved:
        return assessment_handlers.assess_gap(self, cmd)

    def assessable_member_ceiling(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> int:
        cluster = self._cluster(tenant_id, cluster_id)
        cluster.check_member_can_be_assessed(organisation_id)
        return (cluster.template or self._current_template(tenant_id)).coaching_ceiling_half_days

    # Feedback

    def share_feedback(self, cmd: ShareFeedback) -> Saved:
        return feedback_handlers.share_feedback(self, cmd)

    def withdraw_feedback(self, cmd: WithdrawFeedback) -> Saved:
        return feedback_handlers.withdraw_feedback(self, cmd)

    def hide_feedback(self, cmd: HideFeedback) -> Saved:
        return feedback_handlers.hide_feedback(self, cmd)

    def check_feedback_allowed(
        self, tenant_id: UUID, cluster_id: UUID, session_key: str, organisation_id: UUID
    ) -> None:
        self._cluster(tenant_id, cluster_id).check_feedback_allowed(session_key, organisation_id)

    # Hooks answered by the composing application

    def _check_coach(self, tenant_id: UUID, coach_id: UUID, field: str) -> None:
        raise NotImplementedError

    def _cluster_size_limit(self, tenant_id: UUID) -> int | None:
        raise NotImplementedError

    def _current_template(self, tenant_id: UUID) -> ProgrammeTemplate:
        raise NotImplementedError

    def _engagement_outcome(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> Outcome | None:
        raise NotImplementedError

    def _check_slot_not_coached(self, cluster: Cluster, session_key: str) -> None:
        raise NotImplementedError

    def handle(self, cmd: object) -> Saved:
        raise NotImplementedError

    # Helpers

    def _cluster(self, tenant_id: UUID, cluster_id: UUID) -> Cluster:
        return self.get(Cluster, tenant_id, cluster_id, "cluster_id")

    def _proposal(self, cluster: Cluster, template: ProgrammeTemplate, starts_on: date) -> PlanProposal:
        unavailability = {
            organisation_id: [Period(p.starts_on, p.ends_on) for p in cluster.members[organisation_id].unavailability]
            for organisation_id in cluster.active_members
        }
        return propose_plan(starts_on, template, unavailability)
