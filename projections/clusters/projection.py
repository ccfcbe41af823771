"""Organisations, clusters, their members and coaching ledgers, from the programme events.

Statements are prepared once, with bind parameters, and written through a `GroupedWriter`, so a replay
spends its time in the database rather than in building SQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, delete, insert

from domain.clusters.cluster import Cluster
from domain.engagement.engagement import Engagement
from domain.organisations.organisation import Organisation
from projections.core.projection import Projection
from projections.core.statements import keyed, keyed_select, keyed_update
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class ProgrammeProjection(Projection):
    name = "programme"
    handles = {
        (Organisation, "Registered"): "organisation_registered",
        (Organisation, "Described"): "organisation_described",
        (Organisation, "Located"): "organisation_located",
        (Cluster, "Formed"): "cluster_formed",
        (Cluster, "OrganisationAdmitted"): "organisation_admitted",
        (Cluster, "PlanAccepted"): "plan_accepted",
        (Cluster, "Started"): "cluster_started",
        (Cluster, "Closed"): "cluster_closed",
        (Cluster, "Renamed"): "cluster_renamed",
        (Cluster, "CoachReassigned"): "coach_reassigned",
        (Cluster, "MemberWithdrew"): "member_withdrew",
        (Cluster, "CoachingHalfDayLogged"): "coaching_half_day_logged",
        (Engagement, "CoachingHalfDayLogged"): "coaching_half_day_logged",
        (Engagement, "CoachingEntryCorrected"): "coaching_entry_corrected",
        (Engagement, "CoachingEntryVoided"): "coaching_entry_voided",
        (Cluster, "CoachingCeilingRaised"): "coaching_ceiling_raised",
        (Engagement, "CoachingCeilingRaised"): "coaching_ceiling_raised",
        (Cluster, "IsmsEstablished"): "isms_established",
        (Engagement, "IsmsEstablished"): "isms_established",
        (Cluster, "CertificationAuditPlanned"): "certification_audit_planned",
        (Engagement, "CertificationAuditPlanned"): "certification_audit_planned",
        (Cluster, "Certified"): "certified",
        (Engagement, "Certified"): "certified",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        self._insert_organisation = insert(tables.organisations)
        organisations = tables.organisations
        size: dict[str, Any] = {"sector": bindparam("sector"), "employee_count": bindparam("employee_count")}
        self._describe = keyed_update(organisations, "to", **size)
        self._locate = keyed_update(organisations, "to", country=bindparam("country"), region=bindparam("region"))
        self._insert_cluster = insert(tables.clusters)
        self._insert_member = insert(tables.cluster_members)
        self._insert_coaching = insert(tables.coaching_half_days)
        self._insert_override = insert(tables.coaching_overrides)
        self._prepare_cluster_updates(tables)
        self._prepare_member_updates(tables)
        self._prepare_ledger_corrections(tables)

    def _prepare_cluster_updates(self, tables: ReadTables) -> None:
        clusters, members = tables.clusters, tables.cluster_members
        self._count_member = keyed_update(clusters, "tc", member_count=clusters.c.member_count + 1)
        plan: dict[str, Any] = {"plan_starts_on": bindparam("starts_on"), "template": bindparam("record")}
        self._plan = keyed_update(clusters, "tc", status="planned", **plan)
        self._start = keyed_update(clusters, "tc", status="running", started_on=bindparam("on"))
        self._close = keyed_update(clusters, "tc", status="closed", closed_on=bindparam("on"))
        self._rename = keyed_update(clusters, "tc", name=bindparam("name"))
        self._reassign = keyed_update(clusters, "tc", coach_id=bindparam("coach"))
        raised = members.c.coaching_half_days_ceiling + bindparam("base")
        self._ceilings = keyed_update(members, "tc", coaching_half_days_ceiling=raised)

    def _prepare_member_updates(self, tables: ReadTables) -> None:
        members = tables.cluster_members
        raised = members.c.coaching_half_days_ceiling + bindparam("extra")
        self._raise_ceiling = keyed_update(members, "tco", coaching_half_days_ceiling=raised)
        withdrawn: dict[str, Any] = {"withdrawn_on": bindparam("on"), "withdrawal_reason": bindparam("reason")}
        self._withdraw = keyed_update(members, "tco", outcome="withdrawn", **withdrawn)
        self._established = keyed_update(members, "tco", outcome="isms_established", established_on=bindparam("on"))
        audit: dict[str, Any] = {"audit_on": bindparam("on"), "certification_body": bindparam("body")}
        self._audit_planned = keyed_update(members, "tco", outcome="certification_audit_planned", **audit)
        certified: dict[str, Any] = {"certified_on": bindparam("on"), "certificate_reference": bindparam("reference")}
        self._certified = keyed_update(members, "tco", outcome="certified", **certified)

    def _prepare_ledger_corrections(self, tables: ReadTables) -> None:
        coaching, entry = tables.coaching_half_days, tables.coaching_half_days.c.entry_number == bindparam("n")
        shown = ("coach_id", "module_number", "held_on", "work_done", "next_steps")
        self._entry = keyed_select(coaching, "tco", *shown).where(entry)
        corrected: dict[str, Any] = {name: bindparam(f"new_{name}") for name in ("held_on", "work_done", "next_steps")}
        self._correct = keyed_update(coaching, "tco", **corrected).where(entry)
        self._void = delete(coaching).where(*keyed(coaching, "tco"), entry)
        self._insert_entry_history = insert(tables.coaching_entry_history)

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
                "country": None,
                "region": None,
            },
        )

    def organisation_described(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "o": event.originator_id}
        writer.write(self._describe, {**key, "sector": event.sector, "employee_count": event.employee_count})

    def organisation_located(self, writer: GroupedWriter, event: Any) -> None:
        key = {"t": event.tenant_id, "o": event.originator_id}
        writer.write(self._locate, {**key, "country": event.country, "region": event.region})

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

    def cluster_renamed(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._rename, {"t": event.tenant_id, "c": event.originator_id, "name": event.name})

    def coach_reassigned(self, writer: GroupedWriter, event: Any) -> None:
        """The cluster is in the new coach's view from now on, and out of the old one's."""
        writer.write(self._reassign, {"t": event.tenant_id, "c": event.originator_id, "coach": event.coach_id})

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
                "coaching_half_days_ceiling": 0,
                "outcome": "in_progress",
            },
        )
        writer.write(self._count_member, {"t": event.tenant_id, "c": event.originator_id})

    def plan_accepted(self, writer: GroupedWriter, event: Any) -> None:
        cluster = {"t": event.tenant_id, "c": event.originator_id}
        writer.write(self._plan, {**cluster, "starts_on": event.starts_on, "record": event.template})
        writer.write(self._ceilings, {**cluster, "base": event.template["coaching_ceiling_half_days"]})

    def cluster_started(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._start, {"t": event.tenant_id, "c": event.originator_id, "on": event.started_on})

    def cluster_closed(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._close, {"t": event.tenant_id, "c": event.originator_id, "on": event.closed_on})

    def member_withdrew(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._withdraw, {**_member(event), "on": event.withdrawn_on, "reason": event.reason})

    def coaching_ceiling_raised(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._raise_ceiling, {**_member(event), "extra": event.additional_half_days})
        writer.write(
            self._insert_override,
            {
                "tenant_id": event.tenant_id,
                "cluster_id": _cluster_of(event),
                "organisation_id": event.organisation_id,
                "decided_at": event.timestamp,
                "additional_half_days": event.additional_half_days,
                "reason": event.reason,
                "decided_by": event.actor_id,
            },
        )

    def isms_established(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._established, {**_member(event), "on": event.established_on})

    def certification_audit_planned(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._audit_planned, {**_member(event), "on": event.audit_on, "body": event.certification_body})

    def certified(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(
            self._certified, {**_member(event), "on": event.certified_on, "reference": event.certificate_reference}
        )

    def coaching_half_day_logged(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(
            self._insert_coaching,
            {
                "tenant_id": event.tenant_id,
                "cluster_id": _cluster_of(event),
                "organisation_id": event.organisation_id,
                "entry_number": event.entry_number,
                "held_on": event.held_on,
                "coach_id": event.coach_id,
                "module_number": event.module_number,
                "work_done": event.work_done,
                "next_steps": event.next_steps,
                "logged_by": event.actor_id,
                "logged_at": event.timestamp,
            },
        )

    def coaching_entry_corrected(self, writer: GroupedWriter, event: Any) -> None:
        """The ledger shows the corrected entry; its history keeps what it said before, and who corrected it why."""
        key = {**_member(event), "n": event.entry_number}
        new = {"held_on": event.held_on, "work_done": event.work_done, "next_steps": event.next_steps}
        self._remember_entry(writer, event, "corrected", {f"corrected_{name}": value for name, value in new.items()})
        writer.write(self._correct, {**key, **{f"new_{name}": value for name, value in new.items()}})

    def coaching_entry_voided(self, writer: GroupedWriter, event: Any) -> None:
        """A void entry leaves the ledger's table, so no count includes it; its history keeps it, shown as void."""
        self._remember_entry(writer, event, "voided", {})
        writer.write(self._void, {**_member(event), "n": event.entry_number})

    def _remember_entry(self, writer: GroupedWriter, event: Any, action: str, corrected: dict[str, Any]) -> None:
        entry = writer.read(self._entry, {**_member(event), "n": event.entry_number}).one()
        writer.write(
            self._insert_entry_history,
            {
                "tenant_id": event.tenant_id,
                "cluster_id": event.cluster_id,
                "organisation_id": event.organisation_id,
                "entry_number": event.entry_number,
                "version": event.originator_version,
                "action": action,
                "reason": event.reason,
                "acted_by": event.actor_id,
                "acted_at": event.timestamp,
                **entry._asdict(),
                "corrected_held_on": None,
                "corrected_work_done": None,
                "corrected_next_steps": None,
                **corrected,
            },
        )


def _member(event: Any) -> dict[str, Any]:
    return {"t": event.tenant_id, "c": _cluster_of(event), "o": event.organisation_id}


def _cluster_of(event: Any) -> Any:
    """The cluster of an engagement's event, or of a `Cluster` event written before the split."""
    return getattr(event, "cluster_id", event.originator_id)
