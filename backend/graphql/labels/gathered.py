"""A mission's facts, gathered from the consultancy's own records: what an admin confirms when attesting, and what a
correction gathers again once the records changed. Nothing is typed in: a portfolio shows what the records say.

- the consultancy's name as its link to the professional names it, and the cluster's name;
- the member's sector, and its size band from its headcount (never the headcount);
- the days of coaching: the half-days the professional's coach accounts logged in the member's ledger, halved;
- the days of training: the training half-days the cluster held, halved, when one of those accounts leads it;
- the start: the first of those half-days of coaching, or the cluster's start when one of them leads it;
- the outcome: from where the member stands (certified, ISMS established or audit planned, else withdrawn if it
  left, else under way); the end: the outcome's day, or the last half-day of coaching if that came later.

Every read goes through the admin's own scope: a cluster or member out of view is answered as a missing one."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import asdict
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
CANNOT_ATTEST = "The records of this member give facts that cannot be attested:"


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
    return _attestable(_facts(consultancy, cluster, member, coached, leads, training))


def _attestable(facts: MissionFacts) -> MissionFacts:
    """The facts, checked as an attestation checks them; a refusal names the member, which the admin chose, never a
    fact, which nobody typed."""
    try:
        return checked_facts(facts)
    except ValidationFailed as error:
        raise ValidationFailed("organisation_id", f"{CANNOT_ATTEST} {error.message}") from None


def _facts(
    consultancy: str, cluster: ClusterRow, member: MemberRow, coached: list[date], leads: bool, training: int
) -> MissionFacts:
    starts = [*coached[:1], *([cluster.started_on] if leads and cluster.started_on else [])]
    if not starts:
        raise ValidationFailed("organisation_id", NOT_COACHED)
    outcome, outcome_on = _outcome(member)
    started_on = min(starts)
    ended_on = None if outcome_on is None else max(outcome_on, *coached[-1:], started_on)
    return MissionFacts(
        consultancy=consultancy,
        cluster=cluster.name,
        sector=member.organisation.sector,
        size_band=size_band(member.organisation.employee_count).value,
        started_on=started_on,
        ended_on=ended_on,
        coaching_days=len(coached) / 2,
        training_days=training / 2,
        outcome=outcome,
    )


def _outcome(member: MemberRow) -> tuple[str, date | None]:
    """Where the member's ISMS stands, and the day of that outcome, if the mission has one. A member that left the
    cluster after its ISMS was established (or certified) keeps that outcome: withdrawn means it left before."""
    left = member.withdrawn_on

    def by_then(day: date | None) -> bool:
        return day is not None and (left is None or day <= left)

    if member.outcome == Outcome.CERTIFIED and by_then(member.certified_on):
        return MissionOutcome.CERTIFIED.value, member.certified_on
    if member.outcome in (Outcome.ESTABLISHED, Outcome.AUDIT_PLANNED, Outcome.CERTIFIED) and by_then(
        member.established_on
    ):
        return MissionOutcome.ISMS_ESTABLISHED.value, member.established_on
    if left is not None:
        return MissionOutcome.WITHDRAWN.value, left
    return MissionOutcome.UNDER_WAY.value, None


def facts_digest(facts: MissionFacts) -> str:
    """A short digest of the facts, for the admin's confirmation to name the facts it confirms: if the records
    changed between the showing and the attesting, the digests differ and nothing is attested unseen."""
    text = json.dumps(asdict(facts), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
