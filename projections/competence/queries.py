"""An organisation's competence and awareness records, as far as the scope shows them: its own member accounts, the
coach of a cluster it belongs to and the consultancy's admins (the one filter decides, by `organisation_id`).

A person's record reads, never copies, what other registers hold: the attendance of the cluster's sessions as the
coach recorded it (matched by the attendee's name) and the acknowledgements of the organisation's policies."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from domain.shared.text import natural_key
from projections.competence.rows import (
    AcknowledgedRow,
    AttendedRow,
    CampaignRow,
    HistoryRow,
    Page,
    PersonRow,
    PolicyRow,
    TrainingRow,
)
from projections.core.reading import FeatureQueries, same
from projections.core.scope import Scope

BY_DATE, BY_COURSE = "date", "course"


@dataclass(frozen=True)
class TrainingFilter:
    account_id: UUID | None = None
    search: str | None = None
    """Words of the course, the provider or the person named."""
    withdrawn: bool = False
    order: str = BY_DATE


@dataclass(frozen=True)
class TrainingKey:
    """Where a page ends, in the order asked for: the keyset cursor's content."""

    value: str
    training_id: UUID


@dataclass(frozen=True)
class CampaignKey:
    held_on: date
    campaign_id: UUID


class CompetenceQueries(FeatureQueries):
    def trainings(
        self, scope: Scope, organisation_id: UUID, first: int, after: TrainingKey | None, given: TrainingFilter
    ) -> Page[TrainingRow]:
        t = self.t.trainings
        conditions = [self.visible.rows(scope, t), t.c.organisation_id == organisation_id, *self._filters(given)]
        total = self._one(cast("Select[Any]", select(func.count().label("n")).where(*conditions))) or {}
        if after is not None:
            conditions.append(self._after(after, given.order))
        ordered = (
            [t.c.completed_on.desc(), t.c.training_id] if given.order == BY_DATE else [t.c.sort_course, t.c.training_id]
        )
        rows = self._all(self._training_query().where(*conditions).order_by(*ordered).limit(first + 1))
        return Page([_training(r) for r in rows[:first]], len(rows) > first, total.get("n") or 0)

    def key_of(self, row: TrainingRow, order: str) -> TrainingKey:
        value = row.completed_on.isoformat() if order == BY_DATE else row.course.casefold()
        return TrainingKey(value, row.training_id)

    def training(self, scope: Scope, training_id: UUID) -> TrainingRow | None:
        t = self.t.trainings
        found = self._one(self._training_query().where(self.visible.rows(scope, t), t.c.training_id == training_id))
        return None if found is None else _training(found)

    def campaigns(
        self, scope: Scope, organisation_id: UUID, first: int, after: CampaignKey | None, search: str | None
    ) -> Page[CampaignRow]:
        """Newest first, withdrawn campaigns left out."""
        k = self.t.awareness_campaigns
        conditions = [self.visible.rows(scope, k), k.c.organisation_id == organisation_id, k.c.withdrawn == 0]
        if search:
            conditions.append(func.lower(k.c.title).like(_pattern(search), escape="\\"))
        total = self._one(cast("Select[Any]", select(func.count().label("n")).where(*conditions))) or {}
        if after is not None:
            conditions.append(
                or_(
                    k.c.held_on < after.held_on,
                    and_(k.c.held_on == after.held_on, k.c.campaign_id > after.campaign_id),
                )
            )
        query = select(k).where(*conditions).order_by(k.c.held_on.desc(), k.c.campaign_id).limit(first + 1)
        rows = self._all(query)
        return Page([_campaign(r) for r in rows[:first]], len(rows) > first, total.get("n") or 0)

    def campaign(self, scope: Scope, campaign_id: UUID) -> CampaignRow | None:
        k = self.t.awareness_campaigns
        found = self._one(select(k).where(self.visible.rows(scope, k), k.c.campaign_id == campaign_id))
        return None if found is None else _campaign(found)

    def history(self, scope: Scope, record_id: UUID) -> list[HistoryRow]:
        """What was done to a training record or a campaign, oldest first."""
        h, a = self.t.competence_history, self.t.accounts
        query = (
            select(h.c.action, h.c.reason, h.c.acted_at, a.c.display_name)
            .outerjoin(a, and_(a.c.tenant_id == h.c.tenant_id, a.c.account_id == h.c.acted_by))
            .where(self.visible.rows(scope, h), h.c.record_id == record_id)
            .order_by(h.c.version)
        )
        return [HistoryRow(r["action"], r["reason"], r["display_name"], r["acted_at"]) for r in self._all(query)]

    def people(self, scope: Scope, organisation_id: UUID) -> list[PersonRow]:
        """Everyone the organisation's records name: its active member accounts, the people named by a training or
        a campaign, and the attendees of the cluster sessions it attended; each once, by name (any case)."""
        members = self._members(scope, organisation_id)
        people: dict[str, dict[str, Any]] = {}

        def person(name: str, account_id: UUID | None = None) -> dict[str, Any]:
            found = people.setdefault(natural_key(name), _empty(name))
            if account_id is not None and found["account_id"] is None:
                found["account_id"] = account_id
            return found

        for account_id, name in members.items():
            person(name, account_id)
        trainings = self.trainings(scope, organisation_id, 10_000, None, TrainingFilter())
        for training in trainings.rows:
            person(training.person, training.account_id)["trainings"].append(training)
        for campaign in self.campaigns(scope, organisation_id, 10_000, None, None).rows:
            for name in campaign.participants:
                person(name)["campaigns"].append(campaign.title)
        for name, attended in self._attended(scope, organisation_id):
            person(name)["sessions"].append(attended)
        acknowledged = self._acknowledged(scope, organisation_id)
        policies = self._policies(scope, organisation_id)
        for account_id, name in members.items():
            found = person(name, account_id)
            found["acknowledged"] = acknowledged.get(account_id, [])
            done = {(a.document_id, a.number) for a in found["acknowledged"]}
            found["missing"] = [p for p in policies if (p.document_id, p.number) not in done]
        return [_person(found) for _, found in sorted(people.items())]

    def _attended(self, scope: Scope, organisation_id: UUID) -> list[tuple[str, AttendedRow]]:
        """Each attendee's name with the session, as the coach recorded the organisation's attendance."""
        at, s = self.t.attendance, self.t.sessions
        query = (
            select(at.c.cluster_id, at.c.session_key, at.c.attendees, s.c.title, s.c.held_on)
            .join(s, same(s, at, "tenant_id", "cluster_id", "session_key"))
            .where(self.visible.rows(scope, at), at.c.organisation_id == organisation_id)
            .order_by(s.c.held_on, s.c.session_key)
        )
        found: list[tuple[str, AttendedRow]] = []
        for r in self._all(query):
            attended = AttendedRow(r["cluster_id"], r["session_key"], r["title"], r["held_on"])
            found.extend((str(name), attended) for name in r["attendees"] or [])
        return found

    def _acknowledged(self, scope: Scope, organisation_id: UUID) -> dict[UUID, list[AcknowledgedRow]]:
        ack, d = self.t.document_acknowledgements, self.t.documents
        query = (
            select(ack.c.account_id, ack.c.document_id, ack.c.number, ack.c.acknowledged_at, d.c.title)
            .join(d, same(d, ack, "tenant_id", "document_id"))
            .where(self.visible.rows(scope, ack), ack.c.organisation_id == organisation_id)
            .order_by(ack.c.acknowledged_at)
        )
        found: dict[UUID, list[AcknowledgedRow]] = defaultdict(list)
        for r in self._all(query):
            found[r["account_id"]].append(
                AcknowledgedRow(r["document_id"], r["title"], r["number"], r["acknowledged_at"])
            )
        return found

    def _policies(self, scope: Scope, organisation_id: UUID) -> list[PolicyRow]:
        """The published versions that ask to be acknowledged."""
        v, d = self.t.document_versions, self.t.documents
        query = (
            select(v.c.document_id, v.c.number, d.c.title)
            .join(d, same(d, v, "tenant_id", "document_id"))
            .where(
                self.visible.rows(scope, v),
                v.c.organisation_id == organisation_id,
                v.c.status == "published",
                v.c.requires_acknowledgement.is_(True),
            )
            .order_by(d.c.title, v.c.number)
        )
        return [PolicyRow(r["document_id"], r["title"], r["number"]) for r in self._all(query)]

    def _members(self, scope: Scope, organisation_id: UUID) -> dict[UUID, str]:
        """The organisation's active member accounts."""
        a, off = self.t.accounts, self.t.deactivated_accounts
        active = (
            ~select(off.c.account_id)
            .where(off.c.tenant_id == a.c.tenant_id, off.c.account_id == a.c.account_id)
            .exists()
        )
        query = select(a.c.account_id, a.c.display_name).where(
            self.visible.rows(scope, a), a.c.organisation_id == organisation_id, a.c.roles.contains("member"), active
        )
        return {row["account_id"]: row["display_name"] for row in self._all(query.order_by(a.c.display_name))}

    def _training_query(self) -> Select[Any]:
        t, a, d = self.t.trainings, self.t.accounts, self.t.documents
        person = func.coalesce(a.c.display_name, t.c.person_name).label("person")
        return (
            select(t, person, d.c.title.label("document_title"))
            .outerjoin(a, and_(a.c.tenant_id == t.c.tenant_id, a.c.account_id == t.c.account_id))
            .outerjoin(d, and_(d.c.tenant_id == t.c.tenant_id, d.c.document_id == t.c.document_id))
        )

    def _filters(self, given: TrainingFilter) -> list[ColumnElement[bool]]:
        t = self.t.trainings
        found: list[ColumnElement[bool]] = []
        if not given.withdrawn:
            found.append(t.c.withdrawn == 0)
        if given.account_id is not None:
            found.append(t.c.account_id == given.account_id)
        if given.search:
            pattern = _pattern(given.search)
            found.append(
                or_(
                    t.c.sort_course.like(pattern, escape="\\"),
                    func.lower(t.c.provider).like(pattern, escape="\\"),
                    func.lower(t.c.person_name).like(pattern, escape="\\"),
                )
            )
        return found

    def _after(self, after: TrainingKey, order: str) -> ColumnElement[bool]:
        t = self.t.trainings
        if order == BY_DATE:
            day = date.fromisoformat(after.value)
            return or_(t.c.completed_on < day, and_(t.c.completed_on == day, t.c.training_id > after.training_id))
        return or_(
            t.c.sort_course > after.value, and_(t.c.sort_course == after.value, t.c.training_id > after.training_id)
        )


def _pattern(search: str) -> str:
    escaped = search.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _training(r: dict[str, Any]) -> TrainingRow:
    return TrainingRow(
        training_id=r["training_id"], organisation_id=r["organisation_id"], account_id=r["account_id"],
        person=r["person"], course=r["course"], completed_on=r["completed_on"], provider=r["provider"],
        evidence=r["evidence"], document_id=r["document_id"], document_title=r["document_title"],
        withdrawn=bool(r["withdrawn"]), withdrawn_reason=r["withdrawn_reason"], recorded_at=r["recorded_at"],
    )  # fmt: skip


def _campaign(r: dict[str, Any]) -> CampaignRow:
    return CampaignRow(
        campaign_id=r["campaign_id"], organisation_id=r["organisation_id"], title=r["title"], held_on=r["held_on"],
        audience=r["audience"], material=r["material"], participants=tuple(r["participants"] or ()),
        withdrawn=bool(r["withdrawn"]), withdrawn_reason=r["withdrawn_reason"], recorded_at=r["recorded_at"],
    )  # fmt: skip


def _empty(name: str) -> dict[str, Any]:
    return {"name": name, "account_id": None, "trainings": [], "sessions": [], "campaigns": [], "acknowledged": [],
            "missing": []}  # fmt: skip


def _person(found: dict[str, Any]) -> PersonRow:
    return PersonRow(
        found["name"], found["account_id"], tuple(found["trainings"]), tuple(found["sessions"]),
        tuple(found["campaigns"]), tuple(found["acknowledged"]), tuple(found["missing"]),
    )  # fmt: skip
