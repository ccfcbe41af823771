"""Organisations, clusters, their members and coaching ledgers, from the programme events.

Statements are prepared once, with bind parameters, and written through a `GroupedWriter`, so a replay
spends its time in the database rather than in building SQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, update

from domain.programme.cluster import COACHING_CEILING_HALF_DAYS, Cluster
from domain.programme.organisation import Organisation
from projections.projection import Projection
from projections.schema import ReadTables
from projections.writer import GroupedWriter


class ProgrammeProjection(Projection):
    name = "programme"
    handles = {
        (Organisation, "Registered"): "organisation_registered",
        (Cluster, "Formed"): "cluster_formed",
        (Cluster, "OrganisationAdmitted"): "organisation_admitted",
        (Cluster, "Started"): "cluster_started",
        (Cluster, "CoachingHalfDayLogged"): "coaching_half_day_logged",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        clusters = tables.clusters
        the_cluster = (clusters.c.tenant_id == bindparam("t"), clusters.c.cluster_id == bindparam("c"))
        self._insert_organisation = insert(tables.organisations)
        self._insert_cluster = insert(clusters)
        self._insert_member = insert(tables.cluster_members)
        self._insert_coaching = insert(tables.coaching_half_days)
        self._count_member = update(clusters).where(*the_cluster).values(member_count=clusters.c.member_count + 1)
        self._start = update(clusters).where(*the_cluster).values(status="running", started_on=bindparam("on"))

    def organisation_registered(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(
            self._insert_organisation,
            {
                "tenant_id": event.tenant_id,
                "organisation_id": event.originator_id,
                "name": event.name,
                "sector": event.sector,
                "employee_count": event.employee_count,
                "registered_at": event.timestamp,
            },
        )

    def cluster_formed(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(
            self._insert_cluster,
            {
                "tenant_id": event.tenant_id,
                "cluster_id": event.originator_id,
                "name": event.name,
                "coach_id": event.coach_id,
                "status": "forming",
                "planned_start": event.planned_start,
                "planned_end": event.planned_end,
                "started_on": None,
                "member_count": 0,
                "formed_at": event.timestamp,
            },
        )

    def organisation_admitted(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(
            self._insert_member,
            {
                "tenant_id": event.tenant_id,
                "cluster_id": event.originator_id,
                "organisation_id": event.organisation_id,
                "evidence_small_enterprise": event.evidence["small_enterprise"],
                "evidence_management_commitment": event.evidence["management_commitment"],
                "evidence_resources_available": event.evidence["resources_available"],
                "admitted_at": event.timestamp,
                "coaching_half_days_ceiling": COACHING_CEILING_HALF_DAYS,
            },
        )
        writer.write(self._count_member, {"t": event.tenant_id, "c": event.originator_id})

    def cluster_started(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._start, {"t": event.tenant_id, "c": event.originator_id, "on": event.started_on})

    def coaching_half_day_logged(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(
            self._insert_coaching,
            {
                "tenant_id": event.tenant_id,
                "cluster_id": event.originator_id,
                "organisation_id": event.organisation_id,
                "entry_number": event.entry_number,
                "held_on": event.held_on,
                "coach_id": event.coach_id,
                "topic": event.topic,
                "notes": event.notes,
                "logged_by": event.actor_id,
                "logged_at": event.timestamp,
            },
        )
