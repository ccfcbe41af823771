"""The cluster's command handlers: load (tenant-checked), call one aggregate method, save.

What a cluster needs of the consultancy (its size limit, its current programme template) and of its members'
engagements (an outcome recorded, a coaching slot already logged) is asked through ports, so the cluster never
imports those features.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Protocol
from uuid import UUID

from domain.clusters.cluster import Cluster, cluster_id
from domain.clusters.commands import (
    AcceptPlan,
    AdmitOrganisation,
    CancelSession,
    ChangeClusterDetails,
    CloseCluster,
    DeclareUnavailability,
    FormCluster,
    HoldSession,
    MoveSession,
    RestoreSession,
    RetractUnavailability,
    StartCluster,
    UndoSessionHeld,
    WithdrawMember,
)
from domain.clusters.details import cleaned_name
from domain.clusters.planner import Period, PlanProposal, members_holidays, propose_plan
from domain.clusters.sessions import MemberUnavailable, check_move, check_no_day_off, scheduled_session
from domain.engagement.outcome import Outcome
from domain.programme_template.template import ProgrammeTemplate
from domain.shared.calendar import not_in_the_past
from domain.shared.errors import Conflict, ValidationFailed
from domain.shared.ports import Coaches, Handler, Organisations, Store
from domain.shared.public_holidays import Place
from domain.shared.service import Saved


class ConsultancyTerms(Protocol):
    """What the consultancy decided for its clusters: the size limit (None when large clusters are allowed) and the
    programme template new plans follow."""

    def cluster_size_limit(self, tenant_id: UUID) -> int | None: ...

    def current_template(self, tenant_id: UUID) -> ProgrammeTemplate: ...


class MemberEngagement(Protocol):
    """What a member's engagement says that the cluster must respect: its outcome (a member that reached one is not
    withdrawn) and whether coaching was logged for a coaching slot (then the slot is held, and stays so)."""

    def engagement_outcome(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> Outcome | None: ...

    def check_slot_not_coached(self, cluster: Cluster, session_key: str) -> None: ...

    def gap_analysis_recorded(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> bool:
        """Whether the member's gap analysis (its maturity levels) is recorded in the cluster."""
        ...


class ClusterPorts(Store, Coaches, Organisations, ConsultancyTerms, MemberEngagement, Protocol):
    """Everything the cluster's handlers ask of the application."""

    def organisation_name(self, tenant_id: UUID, organisation_id: UUID) -> str: ...

    def organisation_place(self, tenant_id: UUID, organisation_id: UUID) -> Place:
        """The country and region whose public holidays the organisation keeps, (None, None) if not recorded."""
        ...


def load_cluster(app: Store, tenant_id: UUID, cluster_id: UUID) -> Cluster:
    return app.get(Cluster, tenant_id, cluster_id, "cluster_id")


def form_cluster(app: ClusterPorts, cmd: FormCluster) -> Saved:
    app.check_coach(cmd.tenant_id, cmd.coach_id, "coach_id")
    cluster = Cluster.form(cmd.tenant_id, cmd.actor_id, cmd.name, cmd.coach_id, cmd.planned_start, cmd.planned_end)
    return app.save_new(cluster, "name", "A cluster with this name already exists.")


def admit_organisation(app: ClusterPorts, cmd: AdmitOrganisation) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    cluster.admit(cmd.actor_id, cmd.organisation_id, cmd.criteria, app.cluster_size_limit(cmd.tenant_id))
    return app.save_changes(cluster)


def withdraw_member(app: ClusterPorts, cmd: WithdrawMember) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    outcome = app.engagement_outcome(cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
    cluster.withdraw(cmd.actor_id, cmd.organisation_id, cmd.withdrawn_on, cmd.reason, outcome)
    return app.save_changes(cluster)


def declare_unavailability(app: Store, cmd: DeclareUnavailability) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    cluster.declare_unavailability(cmd.actor_id, cmd.organisation_id, cmd.starts_on, cmd.ends_on, cmd.reason)
    return app.save_changes(cluster)


def retract_unavailability(app: Store, cmd: RetractUnavailability) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    cluster.retract_unavailability(cmd.actor_id, cmd.organisation_id, cmd.starts_on, cmd.reason)
    return app.save_changes(cluster)


def accept_plan(app: ClusterPorts, cmd: AcceptPlan) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    template = app.current_template(cmd.tenant_id)
    not_in_the_past("starts_on", cmd.starts_on, "a plan")
    plan = proposal(cluster, template, cmd.starts_on, _places(app, cmd.tenant_id, cluster.active_members))
    if cmd.fingerprint and plan.fingerprint() != cmd.fingerprint:
        raise Conflict("The cluster changed since this proposal was shown: review the new one.", "fingerprint")
    cluster.accept_plan(cmd.actor_id, template, cmd.starts_on, [session.as_record() for session in plan.sessions])
    return app.save_changes(cluster)


def move_session(app: ClusterPorts, cmd: MoveSession) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    app.check_slot_not_coached(cluster, cmd.session_key)
    if not cmd.on_day_off:
        session = scheduled_session(cluster.sessions, cmd.session_key)
        check_move(cluster.sessions, session, cmd.on, cmd.half_day)
        concerned = [session.organisation_id] if session.organisation_id else cluster.active_members
        check_no_day_off(session.days_if_on(cmd.on), _places(app, cmd.tenant_id, concerned))
    try:
        cluster.move_session(cmd.actor_id, cmd.session_key, cmd.on, cmd.half_day, cmd.reason)
    except MemberUnavailable as clash:
        name = app.organisation_name(cmd.tenant_id, clash.organisation_id)
        raise ValidationFailed("on", f"{name} has declared itself unavailable then.") from None
    return app.save_changes(cluster)


def start_cluster(app: ClusterPorts, cmd: StartCluster) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    cluster.start(cmd.actor_id, cmd.started_on, app.cluster_size_limit(cmd.tenant_id))
    return app.save_changes(cluster)


def close_cluster(app: Store, cmd: CloseCluster) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    cluster.close(cmd.actor_id, cmd.closed_on)
    return app.save_changes(cluster)


def change_cluster_details(app: ClusterPorts, cmd: ChangeClusterDetails) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    if cmd.coach_id != cluster.coach_id:
        app.check_coach(cmd.tenant_id, cmd.coach_id, "coach_id")
    named = cluster_id(cmd.tenant_id, cleaned_name(cmd.name))
    if named != cluster.id and app.exists(Cluster, cmd.tenant_id, named):
        raise Conflict("A cluster with this name already exists.", "name")
    cluster.change_details(cmd.actor_id, cmd.name, cmd.coach_id, cmd.reason)
    return app.save_changes(cluster)


def hold_session(app: ClusterPorts, cmd: HoldSession) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    app.check_slot_not_coached(cluster, cmd.session_key)
    cluster.hold_session(cmd.actor_id, cmd.session_key, cmd.held_on, cmd.half_days, cmd.attendance)
    return app.save_changes(cluster)


def cancel_session(app: ClusterPorts, cmd: CancelSession) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    app.check_slot_not_coached(cluster, cmd.session_key)
    cluster.cancel_session(cmd.actor_id, cmd.session_key, cmd.reason)
    return app.save_changes(cluster)


def undo_session_held(app: ClusterPorts, cmd: UndoSessionHeld) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    _check_not_held_by_coaching(app, cluster, cmd.session_key)
    cluster.undo_held(cmd.actor_id, cmd.session_key, cmd.reason)
    _check_no_coaching_followed(app, cluster, cmd.session_key)  # last, after the cluster's own rules; unsaved till then
    _check_no_gap_analysis_recorded(app, cluster, cmd.session_key)
    return app.save_changes(cluster)


def restore_session(app: ClusterPorts, cmd: RestoreSession) -> Saved:
    cluster = load_cluster(app, cmd.tenant_id, cmd.cluster_id)
    _check_not_held_by_coaching(app, cluster, cmd.session_key)
    cluster.restore_session(cmd.actor_id, cmd.session_key, cmd.reason)
    return app.save_changes(cluster)


def _check_no_coaching_followed(app: ClusterPorts, cluster: Cluster, session_key: str) -> None:
    """A module whose follow-up coaching is logged was held: the coaching says so, and stays."""
    module = cluster.sessions.get(session_key)
    if module is None or not module.is_module:
        return
    for key, session in cluster.sessions.items():
        if session.kind == "coaching" and session.module_number == module.module_number:
            try:
                app.check_slot_not_coached(cluster, key)
            except ValidationFailed:
                raise ValidationFailed(
                    "session_key",
                    f"Coaching after module {module.module_number} is logged in a member's ledger: the module was "
                    "held. Void that entry first if the coaching did not take place.",
                ) from None


def _check_no_gap_analysis_recorded(app: ClusterPorts, cluster: Cluster, session_key: str) -> None:
    """A gap-analysis visit whose analysis is recorded took place: the analysis says so, and stays."""
    visit = cluster.sessions.get(session_key)
    if visit is None or visit.kind != "gap_analysis" or visit.organisation_id is None:
        return
    if app.gap_analysis_recorded(cluster.tenant_id, cluster.id, visit.organisation_id):
        raise ValidationFailed(
            "session_key", "The member's gap analysis is recorded from this visit: the visit took place."
        )


def _check_not_held_by_coaching(app: ClusterPorts, cluster: Cluster, session_key: str) -> None:
    """A coaching slot held by a ledger entry is corrected in the ledger, not here."""
    try:
        app.check_slot_not_coached(cluster, session_key)
    except ValidationFailed:
        raise ValidationFailed(
            "session_key",
            "Coaching logged in the member's ledger holds this session: correct or void that entry instead.",
        ) from None


def proposal(
    cluster: Cluster, template: ProgrammeTemplate, starts_on: date, places: Mapping[UUID, Place]
) -> PlanProposal:
    """The plan the planner proposes for the cluster's active members, around their unavailability and holidays."""
    unavailability = {
        organisation_id: [Period(p.starts_on, p.ends_on) for p in cluster.members[organisation_id].unavailability]
        for organisation_id in cluster.active_members
    }
    return propose_plan(starts_on, template, unavailability, members_holidays(places, starts_on))


def _places(app: ClusterPorts, tenant_id: UUID, organisation_ids: Iterable[UUID]) -> dict[UUID, Place]:
    return {organisation_id: app.organisation_place(tenant_id, organisation_id) for organisation_id in organisation_ids}


HANDLERS: dict[type, Handler] = {
    FormCluster: form_cluster,
    AdmitOrganisation: admit_organisation,
    WithdrawMember: withdraw_member,
    DeclareUnavailability: declare_unavailability,
    AcceptPlan: accept_plan,
    MoveSession: move_session,
    StartCluster: start_cluster,
    CloseCluster: close_cluster,
    ChangeClusterDetails: change_cluster_details,
    HoldSession: hold_session,
    CancelSession: cancel_session,
    RetractUnavailability: retract_unavailability,
    UndoSessionHeld: undo_session_held,
    RestoreSession: restore_session,
}
