"""A cluster's members as the cluster's rules see them: still active or withdrawn, and when they are unavailable."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from domain.clusters.rules import ClusterStatus, check_not_closed, is_active_member
from domain.engagement.outcome import Outcome
from domain.shared.calendar import business_date
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.text import ordered_period


@dataclass(frozen=True)
class Unavailability:
    starts_on: date
    ends_on: date

    def overlaps(self, starts_on: date, ends_on: date) -> bool:
        return starts_on <= self.ends_on and self.starts_on <= ends_on

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True)
class Member:
    """What the cluster's rules need of a member; the rest (evidence, ledger entries) lives in the events.

    The coaching and outcome fields are carried over from history written before the member's engagement had its
    own aggregate (see `domain/engagement/engagement.py`)."""

    coaching_half_days_used: int = 0
    coaching_half_days_granted: int = 0
    withdrawn: bool = False
    outcome: Outcome = Outcome.IN_PROGRESS
    isms_established_on: date | None = None
    audit_planned_on: date | None = None
    unavailability: tuple[Unavailability, ...] = ()


def active_member(members: Mapping[UUID, Member], field_name: str, organisation_id: UUID) -> Member:
    """The member, if it belongs to the cluster and has not withdrawn (ValidationFailed on the field otherwise)."""
    member = members.get(organisation_id)
    if member is None:
        raise ValidationFailed(field_name, "This organisation is not a member of the cluster.")
    if not is_active_member(member.withdrawn):
        raise ValidationFailed(field_name, "This organisation has withdrawn from the cluster.")
    return member


def check_size(size_limit: int | None, size: int, field_name: str) -> None:
    """A cluster stays within the consultancy's size limit (None: large clusters are allowed)."""
    if size_limit is not None and size > size_limit:
        raise ValidationFailed(
            field_name,
            f"A cluster has at most {size_limit} members unless the consultancy's settings allow more.",
        )


def check_new_unavailability(member: Member, starts_on: date, ends_on: date) -> None:
    """A period of business dates, in order, that the member has not declared already (not even in part)."""
    business_date("starts_on", starts_on)
    business_date("ends_on", ends_on)
    ordered_period("starts_on", starts_on, "ends_on", ends_on)
    for period in member.unavailability:
        if period.overlaps(starts_on, ends_on):
            raise ValidationFailed(
                "starts_on",
                f"Overlaps the unavailability already declared from {period.starts_on} to {period.ends_on}.",
            )


def declared_unavailability(member: Member, starts_on: date) -> Unavailability:
    """The period the member declared from `starts_on` (NotFound on `starts_on` otherwise)."""
    for period in member.unavailability:
        if period.starts_on == starts_on:
            return period
    raise NotFound(
        "No unavailability of this organisation in force starts on this day (one retracted no longer is).", "starts_on"
    )


def without_unavailability(member: Member, starts_on: date) -> tuple[Unavailability, ...]:
    """The member's periods once the one from `starts_on` is retracted."""
    return tuple(period for period in member.unavailability if period.starts_on != starts_on)


def check_assessable(members: Mapping[UUID, Member], cluster_status: ClusterStatus, organisation_id: UUID) -> None:
    """A gap analysis concerns an active member of a cluster that is not closed."""
    active_member(members, "organisation_id", organisation_id)
    check_not_closed(cluster_status, "organisation_id")
