"""The monthly service report's figures, computed by the database, against a count made here by hand, minute by
minute, on a small set of incidents: outages that overlap, one inside another, one from the month before, one into
the next month, one still open, one across the whole month; on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest

from backend.services import Services, build_services
from domain.incidents.incident import Incident, Report
from domain.incidents.rules import Targets
from domain.organisations.commands import RegisterOrganisation
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role
from domain.tenancy.commands import CreateConsultancy, OpenAccount
from projections.incidents.queries import MonthKey
from projections.queries import Scope
from tests.conftest import postgres_settings, sqlite_settings

START, END = datetime(2026, 11, 1, tzinfo=UTC), datetime(2026, 12, 1, tzinfo=UTC)
TARGETS = {
    "critical": Targets(15, 30, 240),
    "high": Targets(30, 60, 480),
    "medium": Targets(60, 240, 1440),
    "low": Targets(240, 480, 4320),
}
OUTAGES = ("critical", "high")


def t(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


# (service, severity, reported, restored or None while open)
HAND_MADE: list[tuple[str, str, datetime, datetime | None]] = [
    ("Web shop", "critical", t(31, 22, month=10), t(1, 2)),  # from the month before: 2 h in November
    ("Web shop", "high", t(10, 10), t(10, 12)),
    ("Web shop", "critical", t(10, 11), t(10, 13)),  # overlaps the one before: 10:00 to 13:00 counts once
    ("Web shop", "critical", t(10, 10, 30), t(10, 11, 30)),  # inside both
    ("Web shop", "medium", t(15, 9), t(16, 12)),  # a degradation: counted, not an outage; recovery missed
    ("Web shop", "low", t(20, 8), t(20, 8, 5)),
    ("Web shop", "high", t(30, 23), t(1, 1, month=12)),  # into the next month: 1 h in November
    ("Web shop", "high", t(25, 6), None),  # still open: to the end of the month
    ("Web shop", "critical", t(1, 0, 30, month=12), t(1, 1, month=12)),  # the next month's
    ("Till", "high", t(20, 8, month=10), t(2, 9, month=12)),  # the whole month down
    ("E-mail", "low", t(5, 5), t(5, 6)),
]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def services(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Services]:
    if request.param == "sqlite":
        settings = sqlite_settings(tmp_path)
    else:
        settings = postgres_settings(tmp_path, request.getfixturevalue("postgres_url"))
    built = build_services(settings)
    built.start()
    yield built
    built.close()


def seeded(services: Services) -> tuple[Scope, UUID]:
    tenant = services.execute(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
    org = services.execute(RegisterOrganisation(tenant, SYSTEM_ACTOR, "Muller", "Bakery", 9)).aggregate_id
    owner = services.execute(
        OpenAccount(tenant, SYSTEM_ACTOR, "marc@muller.example", "Marc", "$argon2id$x", (Role.MEMBER,), org)
    ).aggregate_id
    made = []
    for n, (service, severity, reported, restored) in enumerate(HAND_MADE):
        incident = Incident.report(
            tenant, owner, uuid.uuid4(), org, Report(f"Incident {n}", service, severity, ""), reported,
            TARGETS[severity], 1,
        )  # fmt: skip
        if restored is not None:
            incident.restore(owner, restored, None)
        made.append(incident)
    services.app.save_all(made)
    services.runner.catch_up()
    return Scope(tenant, organisation_id=org), org


def minutes_down(service: str, until: datetime) -> int:
    """Counted minute by minute: a minute of [START, until) is down when any outage of the service covers it."""
    down = 0
    minute = START
    while minute < until:
        if any(
            s == service and severity in OUTAGES and reported <= minute < (restored or until)
            for s, severity, reported, restored in HAND_MADE
        ):
            down += 1
        minute += timedelta(minutes=1)
    return down


def missed(severity: str, reported: datetime, restored: datetime | None, now: datetime) -> int:
    """Restoring meets every target at once; an open incident misses each target whose time has passed."""
    met = restored if restored is not None else now
    allowed = TARGETS[severity]
    return sum(met > reported + timedelta(minutes=m) for m in (allowed.reaction, allowed.escalation, allowed.recovery))


@pytest.mark.parametrize("now", [datetime(2026, 12, 5, tzinfo=UTC), t(10, 11, 30)], ids=["after", "during"])
def test_the_database_figures_agree_with_a_count_by_hand(services: Services, now: datetime) -> None:
    scope, org = seeded(services)
    queries = services.queries.incidents
    for service in ("Web shop", "Till", "E-mail"):
        until = min(END, now)
        figures = queries.monthly_figures(scope, org, service, START, END, now)
        down = minutes_down(service, until)
        month = (until - START).total_seconds() / 60
        assert figures.outage_minutes == down, service
        assert figures.availability_percent == round(100 * (1 - down / month), 2), service
        in_month = [h for h in HAND_MADE if h[0] == service and START <= h[2] < END]
        expected = {
            severity: (
                sum(h[1] == severity for h in in_month),
                sum(missed(severity, h[2], h[3], now) for h in in_month if h[1] == severity),
            )
            for severity in TARGETS
        }
        assert {c.severity: (c.incidents, c.missed) for c in figures.by_severity} == expected, service
        assert figures.missed_targets == sum(m for _, m in expected.values())
    full = queries.monthly_report(scope, org, "Web shop", START, END, now)
    assert (full.outage_minutes, full.availability_percent) == (
        queries.monthly_figures(scope, org, "Web shop", START, END, now).outage_minutes,
        queries.monthly_figures(scope, org, "Web shop", START, END, now).availability_percent,
    )
    assert [r.title for r in full.incidents] == [
        f"Incident {n}" for n in (1, 3, 2, 4, 5, 7, 6)
    ]  # by the time reported: 10:00, 10:30, 11:00, then the 15th, 20th, 25th and 30th


def test_the_month_s_incidents_come_by_page(services: Services) -> None:
    scope, org = seeded(services)
    queries, now = services.queries.incidents, datetime(2026, 12, 5, tzinfo=UTC)
    full = [r.incident_id for r in queries.monthly_report(scope, org, "Web shop", START, END, now).incidents]
    seen: list[UUID] = []
    after = None
    while True:
        page = queries.month_incidents(scope, org, "Web shop", START, END, now, 2, after)
        seen += [r.incident_id for r in page.rows]
        if not page.has_next:
            break
        after = MonthKey(page.rows[-1].reported_at, page.rows[-1].incident_id)
    assert seen == full and len(full) == 7


def test_another_organisation_sees_nothing_of_the_figures(services: Services) -> None:
    scope, org = seeded(services)
    other = Scope(scope.tenant_id, organisation_id=uuid.uuid4())
    figures = services.queries.incidents.monthly_figures(other, org, "Web shop", START, END, datetime.now(UTC))
    assert figures.outage_minutes == 0 and figures.missed_targets == 0
    assert all(c.incidents == 0 for c in figures.by_severity)
    assert not services.queries.incidents.month_incidents(other, org, "Web shop", START, END, END, 50, None).rows
