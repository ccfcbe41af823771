"""A mission's facts, gathered from the consultancy's own records: what an admin confirms when attesting, and what a
correction gathers again once the records changed. Nothing is typed in: a portfolio shows what the records say.

- the consultancy's name as its link to the professional names it, and the cluster's name;
- the member's sector, and its size band from its headcount (never the headcount);
- the days of coaching: the half-days the professional's coach accounts logged in the member's ledger, halved;
- the days of training: the training half-days the cluster held, halved, when one of those accounts leads it;
- the start: the first of those half-days of coaching, or the cluster's start when one of them leads it;
- the outcome and the end: from where the member stands (ISMS established, audit planned, certified, withdrawn).

Every read goes through the admin's own scope: a cluster or member out of view is answered as a missing one."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from uuid import UUID

from domain.engagement.outcome import Outcome
from domain.labels.missions import MissionFacts, MissionOutcome, checked_facts, size_band
from domain.shared.errors import NotFound, ValidationFailed
from projections.clusters.rows import ClusterRow, MemberRow
from projections.queries import ReadQueries, Scope

NO_CLUSTER = "No cluster with this id."
NOT_A_MEMBER = "This organisation is not a member of the cluster."
NOT_COACHED = (
    "The professional's coach account neither leads this cluster nor logged coaching with this member: there is no "
    "mission to attest."
)


def gathered_facts(
    queries: ReadQueries,
    scope: Scope,
    consultancy: str,
    coach_ids: Collection[UUID],
    cluster_id: UUID,
    organisation_id: UUID,
) -> MissionFacts:
    """The mission's facts from the records in the scope's view, checked as an attestation checks them."""
    cluster = queries.clusters.cluster(scope, cluster_id)
    if cluster is None:
        raise NotFound(NO_CLUSTER, "cluster_id")
    member = next(
        (m for m in queries.clusters.members(scope, cluster_id) if m.organisation.organisation_id == organisation_id),
        None,
    )
    if member is None:
        raise ValidationFailed("organisation_id", NOT_A_MEMBER)
    coached = sorted(
        row.held_on
        for row in queries.engagement.coaching_half_days(scope, cluster_id, organisation_id)
        if row.coach_id in coach_ids
    )
    leads = cluster.coach_id in coach_ids
    training = queries.effort.training_half_days_held(scope, cluster_id) if leads else 0
    return checked_facts(_facts(consultancy, cluster, member, coached, leads, training))


def _facts(
    consultancy: str, cluster: ClusterRow, member: MemberRow, coached: list[date], leads: bool, training: int
) -> MissionFacts:
    starts = [*coached[:1], *([cluster.started_on] if leads and cluster.started_on else [])]
    if not starts:
        raise ValidationFailed("organisation_id", NOT_COACHED)
    outcome, ended_on = _outcome(member)
    return MissionFacts(
        consultancy=consultancy,
        cluster=cluster.name,
        sector=member.organisation.sector,
        size_band=size_band(member.organisation.employee_count).value,
        started_on=min(starts),
        ended_on=ended_on,
        coaching_days=len(coached) / 2,
        training_days=training / 2,
        outcome=outcome,
    )


def _outcome(member: MemberRow) -> tuple[str, date | None]:
    """Where the member's ISMS stands, and the day the mission ended, if it has."""
    if member.withdrawn_on is not None:
        return MissionOutcome.WITHDRAWN.value, member.withdrawn_on
    if member.outcome == Outcome.CERTIFIED and member.certified_on is not None:
        return MissionOutcome.CERTIFIED.value, member.certified_on
    if member.outcome in (Outcome.ESTABLISHED, Outcome.AUDIT_PLANNED, Outcome.CERTIFIED) and member.established_on:
        return MissionOutcome.ISMS_ESTABLISHED.value, member.established_on
    return MissionOutcome.UNDER_WAY.value, None
