"""The plan as the API shows it: sessions with their titles and clashes, attendance, proposals."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.clusters.plan_types import (
    Attendance,
    Clash,
    PlannedSession,
    PlanNote,
    PlanProposal,
    Session,
    Unavailability,
)
from backend.graphql.core.context import Context
from backend.graphql.core.loaders import loaders
from domain.clusters import planner
from domain.programme_template.template import ProgrammeTemplate
from domain.shared.calendar import business_day, not_in_the_past
from domain.shared.public_holidays import Place
from projections.clusters.rows import SessionRow
from projections.organisations.rows import OrganisationRow


def _place(organisation: OrganisationRow) -> Place:
    """The place whose public holidays the organisation keeps."""
    return organisation.country, organisation.region


def _names(info: Info[Context, None], cluster_id: UUID) -> dict[UUID, str]:
    members = loaders(info).members(cluster_id)
    return {m.organisation.organisation_id: m.organisation.name for m in members}


def sessions(info: Info[Context, None], cluster_id: UUID) -> list[Session]:
    names = _names(info, cluster_id)
    rows = loaders(info).sessions(cluster_id)
    return [Session.from_row(row, names, cluster_id) for row in rows]


def attendance(info: Info[Context, None], cluster_id: UUID, session_key: str) -> list[Attendance]:
    """Who came from each expected member of a held session; a member nobody came from is listed as absent."""
    queries, scope = info.context.services.queries, info.context.scope
    session = queries.clusters.session(scope, cluster_id, session_key)
    if session is None or session.status != "held":
        return []
    rows = queries.clusters.attendance(scope, cluster_id, session_key)
    came = {row.organisation_id: list(row.attendees) for row in rows}
    return [
        Attendance(
            organisation_id=_id(o.organisation_id), organisation_name=o.name, attendees=came.get(o.organisation_id, [])
        )
        for o in _expected(info, cluster_id, session.organisation_id)
    ]


def _expected(info: Info[Context, None], cluster_id: UUID, organisation_id: UUID | None) -> list[OrganisationRow]:
    """The active members a session expected: the whole cluster at training, the one member at its own."""
    members = loaders(info).members(cluster_id)
    return [m.organisation for m in members if m.active and organisation_id in (None, m.organisation.organisation_id)]


def unavailability(info: Info[Context, None], cluster_id: UUID) -> list[Unavailability]:
    rows = info.context.services.queries.clusters.unavailability(info.context.scope, cluster_id)
    return [
        Unavailability(
            organisation_id=_id(r.organisation_id),
            organisation_name=r.organisation_name,
            starts_on=r.starts_on,
            ends_on=r.ends_on,
            reason=r.reason,
            cluster_id=cluster_id,
        )
        for r in rows
    ]


def clashes(info: Info[Context, None], cluster_id: UUID) -> list[Clash]:
    """Scheduled sessions inside a member's declared unavailability, as the planner's own rule sees them."""
    rows = {row.key: row for row in loaders(info).sessions(cluster_id) if row.status == "scheduled"}
    names = _names(info, cluster_id)
    periods = _unavailability_of_active_members(info, cluster_id)
    found = planner.clashes([_planned(row) for row in rows.values()], periods)
    return [
        Clash(
            session_key=key,
            session_title=rows[key].title,
            scheduled_on=rows[key].scheduled_on,
            organisation_id=_id(organisation_id),
            organisation_name=names[organisation_id],
        )
        for key, organisation_id in found
    ]


def proposal(info: Info[Context, None], cluster_id: UUID, starts_on: date) -> PlanProposal:
    """The planner's proposal from the cluster's members and their unavailability, with the current template."""
    queries, scope = info.context.services.queries, info.context.scope
    template = ProgrammeTemplate.from_record(queries.tenancy.template(scope) or {})
    periods = _unavailability_of_active_members(info, cluster_id)
    with business_day(info.context.services.app.today()):
        not_in_the_past("starts_on", starts_on, "a plan")
    places = {m.organisation.organisation_id: _place(m.organisation) for m in loaders(info).members(cluster_id)}
    holidays = planner.members_holidays({member: places[member] for member in periods}, starts_on)
    proposed = planner.propose_plan(starts_on, template, periods, holidays)
    names = {k: v for k, v in _names(info, cluster_id).items() if k in periods}
    return PlanProposal(
        starts_on=proposed.starts_on,
        fingerprint=proposed.fingerprint(),
        sessions=[PlannedSession.proposed(s, list(template.modules), names) for s in proposed.sessions],
        notes=[PlanNote(key=n.key, message=_named(n.message, names)) for n in proposed.notes],
    )


def _unavailability_of_active_members(info: Info[Context, None], cluster_id: UUID) -> dict[UUID, list[planner.Period]]:
    """The planner's view of the calendar: each active member, with the periods it declared."""
    queries, scope = info.context.services.queries, info.context.scope
    periods: dict[UUID, list[planner.Period]] = {
        m.organisation.organisation_id: [] for m in loaders(info).members(cluster_id) if m.active
    }
    for period in queries.clusters.unavailability(scope, cluster_id):
        if period.organisation_id in periods:
            periods[period.organisation_id].append(planner.Period(period.starts_on, period.ends_on))
    return periods


def _id(organisation_id: UUID) -> strawberry.ID:
    return strawberry.ID(str(organisation_id))


def _named(message: str, names: dict[UUID, str]) -> str:
    """Notes name members by id; a coach reads organisation names."""
    for organisation_id, name in names.items():
        message = message.replace(str(organisation_id), name)
    return message


def _planned(row: SessionRow) -> planner.PlannedSession:
    return planner.PlannedSession(
        key=row.key,
        kind=planner.SessionKind(row.kind),
        on=row.scheduled_on,
        half_day=planner.HalfDay(row.half_day),
        half_days=row.half_days,
        module_number=row.module_number,
        organisation_id=row.organisation_id,
    )
