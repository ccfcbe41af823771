"""Effort, from the cluster's and the gap analyses' events: each member's gap analyses, training attended and
coaching half-days, and the training the cluster held once for all its members.

A gap analysis takes the on-site and result half-days of the cluster's plan (two before a plan is accepted).
Training is a session of the plan for the whole cluster (no organisation); attending means sending someone.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import bindparam, insert

from domain.assessment.gap_analysis import GapAnalysis
from domain.clusters.cluster import Cluster
from domain.engagement.engagement import Engagement
from projections.core.projection import Projection
from projections.core.statements import keyed_select, keyed_update
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter

HALF_DAYS_PER_GAP_ANALYSIS_WITHOUT_PLAN = 2


class EffortProjection(Projection):
    name = "effort"
    handles = {
        (Cluster, "Formed"): "cluster_formed",
        (Cluster, "PlanAccepted"): "plan_accepted",
        (Cluster, "OrganisationAdmitted"): "organisation_admitted",
        (Cluster, "SessionHeld"): "session_held",
        (Cluster, "SessionHeldUndone"): "session_held_undone",
        (Cluster, "CoachingHalfDayLogged"): "coaching_half_day_logged",
        (Engagement, "CoachingHalfDayLogged"): "coaching_half_day_logged",
        (Engagement, "CoachingEntryVoided"): "coaching_entry_voided",
        (GapAnalysis, "Assessed"): "gap_analysed",
        (GapAnalysis, "Reassessed"): "gap_analysed",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        members, clusters = tables.member_effort, tables.cluster_effort
        self._insert_cluster, self._insert_member = insert(clusters), insert(members)
        planned: dict[str, Any] = {
            "gap_analysis_half_days": bindparam("gap"),
            "training_session_keys": bindparam("keys"),
        }
        self._plan = keyed_update(clusters, "tc", **planned)
        self._training_keys = keyed_select(clusters, "tc", "training_session_keys")
        held = clusters.c.training_half_days_held + bindparam("length")
        self._held = keyed_update(clusters, "tc", training_half_days_held=held)
        attended = members.c.training_half_days_attended + bindparam("length")
        self._attended = keyed_update(members, "tco", training_half_days_attended=attended)
        self._coached = keyed_update(members, "tco", coaching_half_days=members.c.coaching_half_days + 1)
        self._uncoached = keyed_update(members, "tco", coaching_half_days=members.c.coaching_half_days - 1)
        self._analysed = keyed_update(members, "tco", gap_analyses=members.c.gap_analyses + 1)

    def cluster_formed(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "cluster_id": event.originator_id,
            "gap_analysis_half_days": HALF_DAYS_PER_GAP_ANALYSIS_WITHOUT_PLAN,
            "training_session_keys": [],
            "training_half_days_held": 0,
        }
        writer.write(self._insert_cluster, row)

    def plan_accepted(self, writer: GroupedWriter, event: Any) -> None:
        template = event.template
        gap = int(template["gap_analysis_on_site_half_days"]) + int(template["gap_analysis_result_half_days"])
        keys = [record["key"] for record in event.sessions if record["organisation_id"] is None]
        writer.write(self._plan, {"t": event.tenant_id, "c": event.originator_id, "gap": gap, "keys": keys})

    def organisation_admitted(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "cluster_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "gap_analyses": 0,
            "training_half_days_attended": 0,
            "coaching_half_days": 0,
        }
        writer.write(self._insert_member, row)

    def session_held(self, writer: GroupedWriter, event: Any) -> None:
        cluster = {"t": event.tenant_id, "c": event.originator_id}
        training = writer.read(self._training_keys, cluster).scalar_one_or_none() or []
        if event.session_key not in training:
            return
        writer.write(self._held, {**cluster, "length": event.half_days})
        for organisation_id, attendees in event.attendance.items():
            if attendees:
                writer.write(self._attended, {**cluster, "o": _uuid(organisation_id), "length": event.half_days})

    def session_held_undone(self, writer: GroupedWriter, event: Any) -> None:
        """What the holding added is taken back: the training held, and each attending member's half-days."""
        cluster = {"t": event.tenant_id, "c": event.originator_id}
        training = writer.read(self._training_keys, cluster).scalar_one_or_none() or []
        if event.session_key not in training:
            return
        writer.write(self._held, {**cluster, "length": -event.half_days})
        for organisation_id in event.attended:
            writer.write(self._attended, {**cluster, "o": _uuid(organisation_id), "length": -event.half_days})

    def coaching_half_day_logged(self, writer: GroupedWriter, event: Any) -> None:
        cluster = getattr(event, "cluster_id", event.originator_id)  # an engagement's, or a Cluster's before the split
        writer.write(self._coached, {"t": event.tenant_id, "c": cluster, "o": event.organisation_id})

    def coaching_entry_voided(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._uncoached, {"t": event.tenant_id, "c": event.cluster_id, "o": event.organisation_id})

    def gap_analysed(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._analysed, {"t": event.tenant_id, "c": event.cluster_id, "o": event.organisation_id})


def _uuid(value: str) -> UUID:
    return UUID(value)
