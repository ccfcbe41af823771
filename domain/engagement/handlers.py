"""Engagement's command handlers: open or load the member's engagement, call one method, save.

What the rules need of the cluster, and the state a member carried in the cluster's own stream before the split,
are asked of the application through the `EngagementCluster` port: the engagement never loads or writes the
`Cluster`.
"""

from __future__ import annotations

from typing import Protocol
from uuid import UUID

from domain.engagement.commands import (
    CorrectCoachingEntry,
    LogCoachingHalfDay,
    PlanCertificationAudit,
    RaiseCoachingCeiling,
    RecordCertified,
    RecordIsmsEstablished,
    VoidCoachingEntry,
)
from domain.engagement.engagement import CarriedState, ClusterFacts, Engagement, engagement_id
from domain.shared.ports import Coaches, Handler, Store
from domain.shared.service import Saved


class EngagementCluster(Protocol):
    """What a member's engagement needs of its cluster: the facts its rules read (NotFound when the cluster or
    the member is missing), and the state the member carried in the cluster's stream before the split."""

    def engagement_facts(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> ClusterFacts: ...

    def carried_engagement(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> CarriedState: ...


class EngagementPorts(Store, EngagementCluster, Coaches, Protocol):
    """An engagement needs its cluster's facts, and to know that the coach named is one."""


class MemberCommand(Protocol):
    @property
    def tenant_id(self) -> UUID: ...
    @property
    def actor_id(self) -> UUID: ...
    @property
    def cluster_id(self) -> UUID: ...
    @property
    def organisation_id(self) -> UUID: ...


def _load(app: EngagementPorts, cmd: MemberCommand) -> tuple[Engagement, ClusterFacts]:
    """The member's engagement and its cluster's facts; the engagement is opened from the state the member carried
    in the cluster when it has none yet."""
    facts = app.engagement_facts(cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
    found = engagement_id(cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
    if app.exists(Engagement, cmd.tenant_id, found):
        return app.get(Engagement, cmd.tenant_id, found), facts
    carried = app.carried_engagement(cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
    return Engagement.open(cmd.tenant_id, cmd.actor_id, cmd.cluster_id, cmd.organisation_id, carried), facts


def log_coaching_half_day(app: EngagementPorts, cmd: LogCoachingHalfDay) -> Saved:
    member, facts = _load(app, cmd)
    app.check_coach(cmd.tenant_id, cmd.coach_id, "coach_id")
    member.log_coaching_half_day(
        cmd.actor_id, facts, cmd.held_on, cmd.coach_id, cmd.module_number, cmd.work_done, cmd.next_steps
    )
    return app.save_changes(member)


def correct_coaching_entry(app: EngagementPorts, cmd: CorrectCoachingEntry) -> Saved:
    member, facts = _load(app, cmd)
    member.correct_coaching_entry(
        cmd.actor_id, facts, cmd.entry_number, cmd.held_on, cmd.work_done, cmd.next_steps, cmd.reason
    )
    return app.save_changes(member)


def void_coaching_entry(app: EngagementPorts, cmd: VoidCoachingEntry) -> Saved:
    member, _ = _load(app, cmd)
    member.void_coaching_entry(cmd.actor_id, cmd.entry_number, cmd.reason)
    return app.save_changes(member)


def raise_coaching_ceiling(app: EngagementPorts, cmd: RaiseCoachingCeiling) -> Saved:
    member, facts = _load(app, cmd)
    member.raise_coaching_ceiling(cmd.actor_id, facts, cmd.additional_half_days, cmd.reason)
    return app.save_changes(member)


def record_isms_established(app: EngagementPorts, cmd: RecordIsmsEstablished) -> Saved:
    member, facts = _load(app, cmd)
    member.record_isms_established(cmd.actor_id, facts, cmd.established_on)
    return app.save_changes(member)


def plan_certification_audit(app: EngagementPorts, cmd: PlanCertificationAudit) -> Saved:
    member, facts = _load(app, cmd)
    member.plan_certification_audit(cmd.actor_id, facts, cmd.audit_on, cmd.certification_body)
    return app.save_changes(member)


def record_certified(app: EngagementPorts, cmd: RecordCertified) -> Saved:
    member, facts = _load(app, cmd)
    member.record_certified(cmd.actor_id, facts, cmd.certified_on, cmd.certificate_reference)
    return app.save_changes(member)


HANDLERS: dict[type, Handler] = {
    LogCoachingHalfDay: log_coaching_half_day,
    RaiseCoachingCeiling: raise_coaching_ceiling,
    RecordIsmsEstablished: record_isms_established,
    PlanCertificationAudit: plan_certification_audit,
    RecordCertified: record_certified,
    CorrectCoachingEntry: correct_coaching_entry,
    VoidCoachingEntry: void_coaching_entry,
}
