"""A granted label, issued as a credential: what it states, and where its status is published.

Issuing is recorded as events of the labelling body's tenant, saved in the same transaction as the grant or the
renewal that causes it (`handlers.grant_label`, `handlers.renew_label`), so a label is never granted without its
credential, nor a credential issued for a grant that failed:

- `StatusList.IndexAllocated`: the credential's entry in one of the body's status lists, drawn at random among the
  entries no credential uses (the specification's privacy advice: an index in order would tell the order and the
  rate of the grants) and never used again. The body's status list is one aggregate, so two grants at the same
  moment cannot take one index: the second is refused as a conflict and written again;
- `LabelCredential.Issued`: the facts the credential states, as they stood at the grant (the professional's name,
  the training, the exam passed, the evaluation's lowest rating per category, the days of validity), and its
  public id, a random UUID a verifier is given with the credential: it names nobody and cannot be guessed from a
  professional's e-mail, unlike the ids derived from it;
- `LabelCredential.Reissued`: a renewal states a later start and expiry and the missions it counted, under the same
  id and status entry.

Signing is not recorded: a credential is signed on request with the body's key from these facts, so a rotated key
signs the same statement. Suspension, reinstatement and revocation are the track's own events; the published
status list reads them (`projections/credentials`).
"""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.labels.rules import CATEGORIES, RATINGS
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import Conflict

STATUS_LIST_ENTRIES = 131_072
"""The entries of one status list (`backend/credentials/status_list.py` MINIMUM_ENTRIES): a credential's status
hides among this many."""


class StatusListFull(Conflict):
    """Every entry of the list is taken: the next list is opened."""

    def __init__(self) -> None:
        super().__init__("The status list is full: publish another.", "status_list")


def unused_random_index(used: Collection[int], entries: int = STATUS_LIST_ENTRIES) -> int:
    """An index no credential uses yet, drawn uniformly at random (a CSPRNG) from the list's `entries`;
    `StatusListFull` when none is left."""
    taken = {index for index in used if 0 <= index < entries}
    if len(taken) >= entries:
        raise StatusListFull()
    if len(taken) * 2 < entries:
        while (index := secrets.randbelow(entries)) in taken:
            pass
        return index
    free = [index for index in range(entries) if index not in taken]
    return free[secrets.randbelow(len(free))]


def status_list_id(tenant_id: UUID, number: int) -> UUID:
    return tenant_scoped_id(tenant_id, "label-status-list", str(number))


class StatusList(TenantAggregate):
    """One of the labelling body's status lists, numbered from 1: the entries its credentials took."""

    @classmethod
    def open(cls, tenant_id: UUID, actor_id: UUID, number: int, entries: int = STATUS_LIST_ENTRIES) -> StatusList:
        return cls(tenant_id=tenant_id, actor_id=actor_id, number=number, entries=entries)

    @staticmethod
    def create_id(tenant_id: UUID, number: int, **_: object) -> UUID:
        return status_list_id(tenant_id, number)

    @event("Opened")
    def __init__(self, tenant_id: UUID, actor_id: UUID, number: int, entries: int) -> None:
        self.tenant_id = tenant_id
        self.number = number
        self.entries = entries
        self.used: dict[int, UUID] = {}

    def allocate(self, actor_id: UUID, credential_id: UUID) -> int:
        """A random entry no credential ever took in this list, recorded for the credential."""
        index = unused_random_index(self.used, self.entries)
        self._index_allocated(actor_id, index, credential_id)
        return index

    @event("IndexAllocated")
    def _index_allocated(self, actor_id: UUID, index: int, credential_id: UUID) -> None:
        self.used[index] = credential_id


@dataclass(frozen=True)
class CountedMission:
    """A mission a renewal counted, as the renewal was given it: the credential names it and its days."""

    mission_id: UUID
    ended_on: date
    coaching_days: float


@dataclass(frozen=True)
class Statement:
    """What a credential states of the professional, from their track at the grant."""

    professional_id: UUID
    name: str
    scheme_version: int
    training_title: str
    training_provider: str
    trained_on: date
    exam_passed_on: date
    evaluated_on: date
    results: dict[str, str]
    """Per category, the lowest rating the evaluating coach gave among its requirements."""
    awarded_on: date


def credential_record_id(tenant_id: UUID, professional_id: UUID, cycle: int) -> UUID:
    """The issuing record of the professional's label of one cycle (a new cycle is granted anew, with a credential
    of its own); its public `credential_id` is another, random one."""
    return tenant_scoped_id(tenant_id, "label-credential", f"{professional_id}:{cycle}")


def lowest_ratings(ratings: Collection[tuple[str, str]]) -> dict[str, str]:
    """Per category, the lowest of its (category, rating) pairs, on the scale `not_met` < `partially` < `meets`."""
    scale = tuple(reversed(RATINGS))  # RATINGS runs from meets down to not_met
    lowest: dict[str, str] = {}
    for category, rating in ratings:
        if category not in lowest or scale.index(rating) < scale.index(lowest[category]):
            lowest[category] = rating
    return {category: lowest[category] for category in CATEGORIES if category in lowest}


class LabelCredential(TenantAggregate):
    """The credential of a professional's label in one cycle: issued at the grant, reissued at each renewal."""

    @classmethod
    def issue(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        cycle: int,
        credential_id: UUID,
        status: tuple[int, int],
        statement: Statement,
        valid: tuple[date, date],
    ) -> LabelCredential:
        """`status` is the (list number, index) allocated; `valid` the first day and the expiry day."""
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            cycle=cycle,
            credential_id=credential_id,
            status_list=status[0],
            status_index=status[1],
            professional_id=statement.professional_id,
            name=statement.name,
            scheme_version=statement.scheme_version,
            training_title=statement.training_title,
            training_provider=statement.training_provider,
            trained_on=statement.trained_on,
            exam_passed_on=statement.exam_passed_on,
            evaluated_on=statement.evaluated_on,
            results=dict(statement.results),
            awarded_on=statement.awarded_on,
            valid_from=valid[0],
            valid_until=valid[1],
        )

    @staticmethod
    def create_id(tenant_id: UUID, professional_id: UUID, cycle: int, **_: object) -> UUID:
        return credential_record_id(tenant_id, professional_id, cycle)

    @event("Issued")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        cycle: int,
        credential_id: UUID,
        status_list: int,
        status_index: int,
        professional_id: UUID,
        name: str,
        scheme_version: int,
        training_title: str,
        training_provider: str,
        trained_on: date,
        exam_passed_on: date,
        evaluated_on: date,
        results: dict[str, str],
        awarded_on: date,
        valid_from: date,
        valid_until: date,
    ) -> None:
        self.tenant_id = tenant_id
        self.credential_id = credential_id
        self.professional_id = professional_id
        self.status_list = status_list
        self.status_index = status_index
        self.valid_from = valid_from
        self.valid_until = valid_until
        self.missions: tuple[CountedMission, ...] = ()

    def reissue(self, actor_id: UUID, valid_from: date, valid_until: date, counted: Collection[CountedMission]) -> None:
        """The renewed label: a later start and expiry, and the missions this renewal counted besides the earlier."""
        missions = [[str(m.mission_id), m.ended_on.isoformat(), m.coaching_days] for m in counted]
        self._reissued(actor_id, valid_from, valid_until, missions)

    @event("Reissued")
    def _reissued(self, actor_id: UUID, valid_from: date, valid_until: date, missions: list[list[object]]) -> None:
        self.valid_from = valid_from
        self.valid_until = valid_until
        self.missions = (*self.missions, *(_counted(one) for one in missions))


def _counted(stored: list[object]) -> CountedMission:
    mission_id, ended_on, days = stored
    return CountedMission(UUID(str(mission_id)), date.fromisoformat(str(ended_on)), float(str(days)))
