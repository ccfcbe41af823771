"""One consultancy in memory, with a cluster in every state a command needs, built through the application."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from uuid import UUID

from domain.application import Cordee
from domain.clusters.admission import AdmissionCriteria
from domain.clusters.cluster import Cluster
from domain.clusters.commands import (
    AcceptPlan,
    AdmitOrganisation,
    CancelSession,
    DeclareUnavailability,
    FormCluster,
    HoldSession,
    StartCluster,
)
from domain.engagement.commands import LogCoachingHalfDay, PlanCertificationAudit, RecordIsmsEstablished
from domain.feedback.commands import HideFeedback, ShareFeedback
from domain.organisations.commands import RegisterOrganisation
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.calendar import business_day
from domain.tenancy.account import Role
from domain.tenancy.commands import CreateConsultancy, OpenAccount

EVIDENCE = AdmissionCriteria("9 employees", "Commitment letter, 2026-02-01", "Budget approved")


class Scenario:
    """`running`: members 0-2, started on `started_on`, its initial training held and one feedback item shared;
    member 1's ISMS established and member 2's certification audit planned, both on `started_on`; one half-day of
    coaching logged for member 0 (entry 1) on `started_on`; member 1 unavailable on `unavailable_from`; one session cancelled (`cancelled_session`).
    `forming`: members 0-1 (member 3 is registered and free to join). `planned`: members 0-1, plan accepted.
    """

    def __init__(self, started_on: date = date(2026, 3, 2), plan_from: date | None = None) -> None:
        self.app = app = Cordee()
        self.clusters: list[UUID] = []
        """Every cluster formed here, in order: the coaches' roster the read model would list."""
        app.coach_roster = self.coaches
        self.tenant = app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
        self.coach = app.handle(
            OpenAccount(self.tenant, SYSTEM_ACTOR, "coach@alpine.example", "Claire", "$argon2id$x", (Role.COACH,))
        ).aggregate_id
        self.members = [
            app.handle(RegisterOrganisation(self.tenant, SYSTEM_ACTOR, f"Org {n}", "Retail", 9)).aggregate_id
            for n in range(4)
        ]
        self.started_on = started_on
        plan_from = plan_from or started_on
        self.running = self._cluster("Running", 3, plan_from)
        app.handle(StartCluster(self.tenant, SYSTEM_ACTOR, self.running, started_on))
        training = self.cluster(self.running).sessions["initial-training"]
        app.handle(
            HoldSession(self.tenant, self.coach, self.running, "initial-training", max(training.on, started_on), 3)
        )
        share = ShareFeedback(
            self.tenant, SYSTEM_ACTOR, self.running, "initial-training", self.members[0], "worked", "Clear", None
        )
        self.feedback_item = app.handle(share).aggregate_id
        self.hidden_feedback_item = app.handle(replace(share, text="Names a person")).aggregate_id
        app.handle(HideFeedback(self.tenant, self.coach, self.running, self.hidden_feedback_item, "Names a person"))
        for member in self.members[1:3]:
            app.handle(RecordIsmsEstablished(self.tenant, SYSTEM_ACTOR, self.running, member, started_on))
        app.handle(
            PlanCertificationAudit(self.tenant, SYSTEM_ACTOR, self.running, self.members[2], started_on, "Certa")
        )
        self.coached = app.handle(
            LogCoachingHalfDay(self.tenant, self.coach, self.running, self.members[0], started_on, self.coach, "Scope")
        )
        self.unavailable_from = date(2026, 10, 5)
        app.handle(
            DeclareUnavailability(
                self.tenant, SYSTEM_ACTOR, self.running, self.members[1], *[self.unavailable_from] * 2, "Fair"
            )
        )
        self.cancelled_session = max(self.cluster(self.running).sessions)  # a late module, which no other test holds
        app.handle(CancelSession(self.tenant, self.coach, self.running, self.cancelled_session, "Trainer ill"))
        self.forming = self._cluster("Forming", 2, None)
        self.planned = self._cluster("Planned", 2, plan_from)

    def cluster(self, cluster_id: UUID) -> Cluster:
        return self.app.get(Cluster, self.tenant, cluster_id)

    def coaches(self, tenant_id: UUID, organisation_id: UUID) -> frozenset[UUID]:
        """The coaches of the clusters the organisation belongs to, as the clusters' read model lists them."""
        found = (self.cluster(cluster_id) for cluster_id in self.clusters)
        return frozenset(c.coach_id for c in found if c.tenant_id == tenant_id and organisation_id in c.members)

    def position(self) -> int:
        """The position of the last event stored: unchanged when a command was refused."""
        return self.app.recorder.max_notification_id() or 0

    def scheduled(self, kind: str, cluster_id: UUID | None = None) -> str:
        """The key of the running cluster's first scheduled session of this kind."""
        sessions = self.cluster(cluster_id or self.running).sessions.values()
        return min((s.on, s.key) for s in sessions if s.kind == kind and s.status == "scheduled")[1]

    def _cluster(self, name: str, size: int, plan_from: date | None) -> UUID:
        cluster = self.app.handle(FormCluster(self.tenant, SYSTEM_ACTOR, name, self.coach)).aggregate_id
        self.clusters.append(cluster)
        for member in self.members[:size]:
            self.app.handle(AdmitOrganisation(self.tenant, SYSTEM_ACTOR, cluster, member, EVIDENCE))
        if plan_from is not None:
            with business_day(plan_from):  # accepted before its first session
                self.app.handle(AcceptPlan(self.tenant, self.coach, cluster, plan_from))
        return cluster


ONE_DAY = timedelta(days=1)
