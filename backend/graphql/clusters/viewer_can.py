"""What the viewer may do on a cluster, a member and a session: the policy's role and scope, and the domain's rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.assessment.actions import ASSESS_GAP
from backend.graphql.clusters.actions import (
    ADMIT_ORGANISATION,
    CHANGE_CLUSTER_DETAILS,
    CORRECT_SESSIONS,
    DECLARE_UNAVAILABILITY,
    PLAN_CLUSTER,
    RETRACT_UNAVAILABILITY,
    RUN_SESSIONS,
    START_OR_CLOSE_CLUSTER,
    WITHDRAW_MEMBER,
)
from backend.graphql.core.context import Context
from backend.graphql.core.loaders import loaders
from backend.graphql.engagement.actions import LOG_COACHING, RAISE_COACHING_CEILING, RECORD_OUTCOME
from backend.graphql.feedback.actions import SHARE_FEEDBACK
from backend.policy import may
from domain.clusters import rules
from domain.clusters.rules import ClusterStatus, SessionStatus
from domain.engagement import rules as engagement
from domain.engagement.outcome import Outcome


@strawberry.type(description="What the viewer may do to a cluster now.")
class ClusterViewerCan:
    admit_organisation: bool
    accept_plan: bool
    start_cluster: bool
    close_cluster: bool
    change_details: bool = strawberry.field(description="Rename the cluster or hand it to another coach.")
    declare_unavailability: bool
    log_coaching_half_day: bool = strawberry.field(description="For at least one member.")
    cluster_id: strawberry.Private[UUID]
    status: strawberry.Private[ClusterStatus]

    @strawberry.field(description="At least one of its sessions.")
    def move_session(self, info: Info[Context, None]) -> bool:
        if not may(info.context.signed_in, RUN_SESSIONS):
            return False
        sessions = loaders(info).sessions(self.cluster_id)
        return any(rules.can_move_session(self.status, SessionStatus(s.status)) for s in sessions)


@strawberry.type(description="What the viewer may do for one member of a cluster now.")
class ClusterMemberViewerCan:
    assess_gap: bool
    log_coaching_half_day: bool
    raise_coaching_ceiling: bool
    record_outcome: str | None = strawberry.field(description="The outcome the viewer may record next, if any.")
    withdraw: bool


@strawberry.type(description="What the viewer may do to a session of the plan now.")
class SessionViewerCan:
    hold: bool
    move: bool
    cancel: bool
    share_feedback: bool
    undo_held: bool = strawberry.field(description='Undo "held" recorded by mistake: the session is planned again.')
    restore: bool = strawberry.field(description="Restore a session cancelled by mistake, at its date.")


@strawberry.type(description="What the viewer may do to a period of unavailability now.")
class UnavailabilityViewerCan:
    retract: bool = strawberry.field(description="Retract it as declared by mistake, with a reason.")


def on_cluster(
    info: Info[Context, None], cluster_id: UUID, status: ClusterStatus, members: list[HasState]
) -> ClusterViewerCan:
    p = info.context.signed_in
    return ClusterViewerCan(
        admit_organisation=may(p, ADMIT_ORGANISATION) and rules.can_admit(status),
        accept_plan=may(p, PLAN_CLUSTER) and rules.can_accept_plan(status),
        start_cluster=may(p, START_OR_CLOSE_CLUSTER) and rules.can_start(status),
        close_cluster=may(p, START_OR_CLOSE_CLUSTER) and rules.can_close(status),
        change_details=may(p, CHANGE_CLUSTER_DETAILS) and status is not ClusterStatus.CLOSED,
        declare_unavailability=may(p, DECLARE_UNAVAILABILITY) and rules.can_declare_unavailability(status),
        log_coaching_half_day=any(on_member(info, status, m.state()).log_coaching_half_day for m in members),
        cluster_id=cluster_id,
        status=status,
    )


class HasState(Protocol):
    def state(self) -> MemberState: ...


@dataclass(frozen=True)
class MemberState:
    """What the rules on a member ask of it."""

    organisation_id: UUID
    outcome: Outcome
    used: int
    ceiling: int
    active: bool
    """The domain's definition, as the read model carries it (`MemberRow.active`)."""


def on_member(info: Info[Context, None], status: ClusterStatus, member: MemberState) -> ClusterMemberViewerCan:
    p, active, organisation = info.context.signed_in, member.active, member.organisation_id
    step = engagement.next_outcome(member.outcome)
    recordable = step is not None and engagement.can_record_outcome(status, active, member.outcome, step)
    return ClusterMemberViewerCan(
        assess_gap=may(p, ASSESS_GAP, organisation) and active and rules.can_assess(status),
        log_coaching_half_day=may(p, LOG_COACHING, organisation)
        and engagement.can_log_coaching(status, active, member.used, member.ceiling),
        raise_coaching_ceiling=may(p, RAISE_COACHING_CEILING, organisation)
        and engagement.can_raise_ceiling(status, active),
        record_outcome=step.value if step and recordable and may(p, RECORD_OUTCOME, organisation) else None,
        withdraw=may(p, WITHDRAW_MEMBER, organisation) and rules.can_withdraw(status, member.outcome),
    )


def on_session(
    info: Info[Context, None], status: ClusterStatus, session: SessionStatus, for_whole_cluster: bool, kind: str = ""
) -> SessionViewerCan:
    p = info.context.signed_in
    run = may(p, RUN_SESSIONS)
    return SessionViewerCan(
        hold=run and rules.can_hold_session(status, session),
        move=run and rules.can_move_session(status, session),
        cancel=run and rules.can_cancel_session(status, session),
        share_feedback=may(p, SHARE_FEEDBACK) and rules.can_share_feedback(for_whole_cluster, session),
        undo_held=may(p, CORRECT_SESSIONS) and rules.can_undo_held(status, session, kind),
        restore=may(p, CORRECT_SESSIONS) and rules.can_restore_session(status, session),
    )


def on_unavailability(info: Info[Context, None], status: ClusterStatus, organisation: UUID) -> UnavailabilityViewerCan:
    retract = may(info.context.signed_in, RETRACT_UNAVAILABILITY, organisation)
    return UnavailabilityViewerCan(retract=retract and rules.can_retract_unavailability(status))


def cluster_status(info: Info[Context, None], cluster_id: UUID) -> ClusterStatus:
    status = loaders(info).cluster_status(cluster_id)
    if status is None:
        raise LookupError("An object in view belongs to a cluster out of view")
    return status
