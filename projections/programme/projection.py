"""Organisations, clusters, their members and coaching ledgers, from the programme events."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from domain.programme.cluster import COACHING_CEILING_HALF_DAYS, Cluster
from domain.programme.organisation import Organisation
from projections.projection import Projection


class ProgrammeProjection(Projection):
    name = "programme"
    handles = {
        (Organisation, "Registered"): "organisation_registered",
        (Cluster, "Formed"): "cluster_formed",
        (Cluster, "OrganisationAdmitted"): "organisation_admitted",
        (Cluster, "Started"): "cluster_started",
        (Cluster, "CoachingHalfDayLogged"): "coaching_half_day_logged",
    }

    def organisation_registered(self, conn: Connection, event: Any) -> None:
        conn.execute(
            insert(self.tables.organisations).values(
                tenant_id=event.tenant_id,
                organisation_id=event.originator_id,
                name=event.name,
                sector=event.sector,
                employee_count=event.employee_count,
                registered_at=event.timestamp,
            )
        )

    def cluster_formed(self, conn: Connection, event: Any) -> None:
        conn.execute(
            insert(self.tables.clusters).values(
                tenant_id=event.tenant_id,
                cluster_id=event.originator_id,
                name=event.name,
                coach_id=event.coach_id,
                status="forming",
                planned_start=event.planned_start,
                planned_end=event.planned_end,
                started_on=None,
                member_count=0,
                formed_at=event.timestamp,
            )
        )

    def organisation_admitted(self, conn: Connection, event: Any) -> None:
        conn.execute(
            insert(self.tables.cluster_members).values(
                tenant_id=event.tenant_id,
                cluster_id=event.originator_id,
                organisation_id=event.organisation_id,
                evidence_small_enterprise=event.evidence["small_enterprise"],
                evidence_management_commitment=event.evidence["management_commitment"],
                evidence_resources_available=event.evidence["resources_available"],
                admitted_at=event.timestamp,
                coaching_half_days_used=0,
                coaching_half_days_ceiling=COACHING_CEILING_HALF_DAYS,
            )
        )
        clusters = self.tables.clusters
        conn.execute(
            update(clusters)
            .where(clusters.c.tenant_id == event.tenant_id, clusters.c.cluster_id == event.originator_id)
            .values(member_count=clusters.c.member_count + 1)
        )

    def cluster_started(self, conn: Connection, event: Any) -> None:
        clusters = self.tables.clusters
        conn.execute(
            update(clusters)
            .where(clusters.c.tenant_id == event.tenant_id, clusters.c.cluster_id == event.originator_id)
            .values(status="running", started_on=event.started_on)
        )

    def coaching_half_day_logged(self, conn: Connection, event: Any) -> None:
        members = self.tables.cluster_members
        member = (
            members.c.tenant_id == event.tenant_id,
            members.c.cluster_id == event.originator_id,
            members.c.organisation_id == event.organisation_id,
        )
        used = conn.execute(select(members.c.coaching_half_days_used).where(*member)).scalar_one()
        conn.execute(
            insert(self.tables.coaching_half_days).values(
                tenant_id=event.tenant_id,
                cluster_id=event.originator_id,
                organisation_id=event.organisation_id,
                entry_number=used + 1,
                held_on=event.held_on,
                coach_id=event.coach_id,
                topic=event.topic,
                notes=event.notes,
                logged_by=event.actor_id,
                logged_at=event.timestamp,
            )
        )
        conn.execute(update(members).where(*member).values(coaching_half_days_used=used + 1))
