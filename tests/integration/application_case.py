"""The application and its projections against a real database. Written once; subclassed per database."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import func, select

from backend.services import Services, build_services
from backend.settings import Settings
from domain.assessment.commands import AssessGap
from domain.assessment.gap_analysis import CLAUSES, THEMES
from domain.clusters.admission import AdmissionCriteria
from domain.clusters.cluster import Cluster
from domain.clusters.commands import (
    AcceptPlan,
    AdmitOrganisation,
    DeclareUnavailability,
    FormCluster,
    HoldSession,
    MoveSession,
    StartCluster,
)
from domain.engagement.commands import LogCoachingHalfDay
from domain.feedback.commands import ShareFeedback
from domain.organisations.commands import RegisterOrganisation
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.calendar import business_day
from domain.shared.errors import Conflict, NotFound
from domain.tenancy.account import Role
from domain.tenancy.commands import CreateConsultancy, OpenAccount
from projections.clusters.projection import ProgrammeProjection
from projections.core.runner import ProjectionRunner
from projections.queries import Scope
from projections.rebuild import checksum, rebuild

EVIDENCE = AdmissionCriteria("9 employees", "Commitment letter, 2026-02-01", "Budget approved")


class Tenant:
    """One consultancy with a coach and a running cluster of three, built through the application."""

    def __init__(self, services: Services, slug: str) -> None:
        app = services.app
        self.id = app.handle(CreateConsultancy(SYSTEM_ACTOR, f"Consultancy {slug}", slug)).aggregate_id
        self.coach = app.handle(
            OpenAccount(self.id, SYSTEM_ACTOR, f"coach@{slug}.example", "Coach", "$argon2id$x", (Role.COACH,))
        ).aggregate_id
        self.cluster = app.handle(FormCluster(self.id, SYSTEM_ACTOR, "Cluster", self.coach)).aggregate_id
        self.members = [self._admit(services, f"Org {n}") for n in range(3)]
        app.handle(
            DeclareUnavailability(
                self.id, SYSTEM_ACTOR, self.cluster, self.members[1], date(2026, 4, 6), date(2026, 4, 10), "Away"
            )
        )
        with business_day(date(2026, 3, 2)):  # accepted before its first session
            app.handle(AcceptPlan(self.id, self.coach, self.cluster, date(2026, 3, 2)))
        app.handle(StartCluster(self.id, SYSTEM_ACTOR, self.cluster, date(2026, 3, 2)))

    def run_a_session(self, services: Services) -> None:
        """Every programme projection gets rows: a session held with attendance, feedback, a gap analysis, a move."""
        app = services.app
        cluster = app.get(Cluster, self.id, self.cluster)
        training = cluster.sessions["initial-training"]
        attendance = {self.members[0]: ["Ana", "Ben"], self.members[1]: ["Cleo"]}
        app.handle(HoldSession(self.id, self.coach, self.cluster, "initial-training", training.on, 3, attendance))
        app.handle(
            ShareFeedback(
                self.id, SYSTEM_ACTOR, self.cluster, "initial-training", self.members[0], "worked", "Clear", None
            )
        )
        levels = dict.fromkeys(CLAUSES, 1), dict.fromkeys(THEMES, 2)
        app.handle(AssessGap(self.id, self.coach, self.cluster, self.members[2], training.on, training.on, *levels))
        module_2 = cluster.sessions["module:2"]
        app.handle(
            MoveSession(
                self.id,
                self.coach,
                self.cluster,
                "module:2",
                module_2.on + timedelta(days=1),
                "morning",
                "Coach at a conference",
            )
        )

    def _admit(self, services: Services, name: str) -> UUID:
        command = RegisterOrganisation(self.id, SYSTEM_ACTOR, name, "Retail", 10)
        organisation = services.app.handle(command).aggregate_id
        services.app.handle(AdmitOrganisation(self.id, SYSTEM_ACTOR, self.cluster, organisation, EVIDENCE))
        return organisation

    def coaching(self, organisation: UUID, day: int = 10) -> LogCoachingHalfDay:
        return LogCoachingHalfDay(
            self.id, self.coach, self.cluster, organisation, date(2026, 3, day), self.coach, "Risk assessment"
        )


class Crash(BaseException):
    """The process dying mid-batch (an error in an event would be parked instead)."""


class FailingProgramme(ProgrammeProjection):
    """The real projection, made to fail on its n-th event, as a crash before commit would."""

    def __init__(self, *args: Any, fail_on: int) -> None:
        super().__init__(*args)
        self.remaining = fail_on

    def apply(self, conn: Any, topic: str, event: Any) -> None:
        self.remaining -= 1
        if self.remaining == 0:
            raise Crash("simulated crash mid-batch")
        super().apply(conn, topic, event)


class ApplicationCase:
    """Subclasses provide `settings` for their database."""

    @pytest.fixture
    def settings(self) -> Settings:
        raise NotImplementedError

    @pytest.fixture
    def services(self, settings: Settings) -> Iterator[Services]:
        built = build_services(settings)
        yield built
        built.close()

    def events_in_log(self, services: Services) -> int:
        return services.app.recorder.max_notification_id() or 0

    def coaching_rows(self, services: Services) -> list[tuple[Any, ...]]:
        table = services.store.tables.coaching_half_days
        with services.store.reading() as conn:
            return [tuple(r) for r in conn.execute(select(table.c.organisation_id, table.c.entry_number))]

    # Commands reach the read models

    def test_a_command_reaches_the_read_model(self, services: Services) -> None:
        tenant = Tenant(services, "alpine")
        services.runner.start()
        saved = services.execute(tenant.coaching(tenant.members[0]))
        assert saved.position == self.events_in_log(services)
        [member] = [
            m for m in services.queries.clusters.members(Scope(tenant.id), tenant.cluster) if m.coaching_half_days_used
        ]
        assert member.organisation.organisation_id == tenant.members[0]
        assert member.coaching_half_days_used == 1
        cluster = services.queries.clusters.cluster(Scope(tenant.id), tenant.cluster)
        assert cluster is not None and (cluster.status, cluster.member_count) == ("running", 3)

    # Isolation

    def test_another_tenants_aggregate_is_not_found_and_nothing_is_written(self, services: Services) -> None:
        alpine, harbour = Tenant(services, "alpine"), Tenant(services, "harbour")
        before = self.events_in_log(services)
        foreign = LogCoachingHalfDay(
            harbour.id, harbour.coach, alpine.cluster, alpine.members[0], date(2026, 3, 10), harbour.coach, "Spy"
        )
        with pytest.raises(NotFound) as error:
            services.app.handle(foreign)
        assert error.value.field == "cluster_id"
        with pytest.raises(NotFound):
            services.app.get(Cluster, harbour.id, alpine.cluster)
        with pytest.raises(NotFound):
            services.app.get(Cluster, harbour.id, uuid4())
        assert self.events_in_log(services) == before
        services.runner.catch_up()
        assert services.queries.clusters.cluster(Scope(harbour.id), alpine.cluster) is None
        assert services.queries.clusters.members(Scope(harbour.id), alpine.cluster) == []
        assert (
            services.queries.engagement.coaching_half_days(Scope(harbour.id), alpine.cluster, alpine.members[0]) == []
        )

    # Conflicts

    def test_the_loser_of_a_version_clash_gets_a_conflict_and_writes_nothing(self, services: Services) -> None:
        tenant = Tenant(services, "alpine")
        first = services.app.get(Cluster, tenant.id, tenant.cluster)
        second = services.app.get(Cluster, tenant.id, tenant.cluster)
        declared = {member: len(first.members[member].unavailability) for member in tenant.members[:2]}
        first.declare_unavailability(tenant.coach, tenant.members[0], date(2026, 3, 10), date(2026, 3, 11), "Audit")
        second.declare_unavailability(tenant.coach, tenant.members[1], date(2026, 3, 10), date(2026, 3, 11), "Move")
        services.app.save_changes(first)
        before = self.events_in_log(services)
        with pytest.raises(Conflict):
            services.app.save_changes(second)
        assert self.events_in_log(services) == before
        reloaded = services.app.get(Cluster, tenant.id, tenant.cluster)
        assert len(reloaded.members[tenant.members[0]].unavailability) == declared[tenant.members[0]] + 1
        assert len(reloaded.members[tenant.members[1]].unavailability) == declared[tenant.members[1]]

    def test_coaching_one_member_never_conflicts_with_the_cluster_or_another_member(self, services: Services) -> None:
        tenant = Tenant(services, "alpine")
        cluster = services.app.get(Cluster, tenant.id, tenant.cluster)
        services.app.handle(tenant.coaching(tenant.members[0]))
        services.app.handle(tenant.coaching(tenant.members[1]))
        cluster.declare_unavailability(tenant.coach, tenant.members[2], date(2026, 3, 10), date(2026, 3, 11), "Away")
        services.app.save_changes(cluster)

    def test_registering_the_same_name_twice_is_a_conflict(self, services: Services) -> None:
        tenant = Tenant(services, "alpine")
        with pytest.raises(Conflict) as error:
            services.app.handle(RegisterOrganisation(tenant.id, SYSTEM_ACTOR, " org  0", "X", 3))
        assert error.value.field == "name"

    # Replay

    def test_rebuilding_twice_gives_the_incremental_read_model_to_the_byte(self, services: Services) -> None:
        tenant = Tenant(services, "alpine")
        tenant.run_a_session(services)
        Tenant(services, "harbour")
        for day in range(10, 14):
            services.app.handle(tenant.coaching(tenant.members[1], day))
        services.runner.catch_up()
        incremental = checksum(services.store)
        tables = services.store.tables
        with services.store.reading() as conn:
            for table in (
                tables.sessions,
                tables.session_moves,
                tables.attendance,
                tables.unavailability,
                tables.gap_assessments,
                tables.feedback_items,
                tables.programme_templates,
            ):
                assert conn.execute(select(func.count()).select_from(table)).scalar_one() > 0, table.name
        rebuild(services.app, services.store)
        first = checksum(services.store)
        rebuild(services.app, services.store)
        assert first == checksum(services.store) == incremental
        assert services.queries.clusters.cluster(Scope(tenant.id), tenant.cluster) is not None
        last = self.events_in_log(services)
        assert set(services.runner.positions().values()) == {last}

    def test_a_rebuild_picks_up_events_saved_after_it_began(self, services: Services) -> None:
        tenant = Tenant(services, "alpine")
        services.runner.catch_up()
        progress_calls: list[int] = []

        def save_during_replay(covered: int) -> None:
            if not progress_calls:
                services.app.handle(tenant.coaching(tenant.members[2]))
            progress_calls.append(covered)

        rebuild(services.app, services.store, save_during_replay)
        assert len(self.coaching_rows(services)) == 1

    def test_a_rebuild_while_commands_run_waits_and_succeeds(self, services: Services) -> None:
        tenants = [Tenant(services, slug) for slug in ("alpine", "harbour")]
        for day in range(3, 9):
            services.app.handle(tenants[0].coaching(tenants[0].members[day % 3], day))
        services.runner.start()
        rebuilding = threading.Event()
        failures: list[BaseException] = []

        def run_commands(tenant: Tenant) -> None:
            rebuilding.wait()
            try:
                for day in range(9, 21):
                    for member in tenant.members:
                        services.execute(tenant.coaching(member, day))
            except BaseException as error:
                failures.append(error)

        threads = [threading.Thread(target=run_commands, args=(tenant,)) for tenant in tenants]
        for thread in threads:
            thread.start()
        try:
            rebuild(services.app, services.store, lambda _: rebuilding.set())
            rebuild(services.app, services.store)
        finally:
            rebuilding.set()
            for thread in threads:
                thread.join()
        assert failures == []
        services.runner.catch_up()
        live = checksum(services.store)
        assert len(self.coaching_rows(services)) == 6 + 2 * 12 * 3
        rebuild(services.app, services.store)
        assert checksum(services.store) == live

    # Exactly once

    def test_a_runner_killed_between_batches_resumes_without_duplicates_or_gaps(self, services: Services) -> None:
        tenant = Tenant(services, "alpine")
        for day in range(10, 25):
            services.app.handle(tenant.coaching(tenant.members[day % 3], day))
        store, app = services.store, services.app
        first = ProjectionRunner(app, store, [ProgrammeProjection(store.tables)], batch_size=4)
        first.run_batch()
        first.run_batch()  # ...then the process dies
        second = ProjectionRunner(app, store, [ProgrammeProjection(store.tables)], batch_size=4)
        second.catch_up()
        rows = self.coaching_rows(services)
        assert len(rows) == len(set(rows)) == 15
        for member in tenant.members:
            assert sorted(n for o, n in rows if o == member) == [1, 2, 3, 4, 5]

    def test_a_crash_mid_batch_rolls_the_batch_back_and_a_restart_applies_it_once(self, services: Services) -> None:
        tenant = Tenant(services, "alpine")
        for day in range(10, 22):
            services.app.handle(tenant.coaching(tenant.members[0], day))
        store, app = services.store, services.app
        crashing = ProjectionRunner(app, store, [FailingProgramme(store.tables, fail_on=15)], batch_size=10)
        with pytest.raises(Crash, match="mid-batch"):
            crashing.catch_up()
        position_after_crash = store.positions("default")["programme"]
        rows_after_crash = len(self.coaching_rows(services))
        restarted = ProjectionRunner(app, store, [ProgrammeProjection(store.tables)], batch_size=10)
        restarted.catch_up()
        rows = self.coaching_rows(services)
        assert rows_after_crash < 12 and position_after_crash < self.events_in_log(services)
        assert sorted(n for _, n in rows) == list(range(1, 13))
        assert store.positions("default")["programme"] == self.events_in_log(services)

    def test_two_runners_at_once_apply_each_event_once(self, services: Services) -> None:
        tenant = Tenant(services, "alpine")
        for day in range(1, 29):
            services.app.handle(tenant.coaching(tenant.members[day % 3], min(day + 2, 28)))
        store, app = services.store, services.app
        runners = [ProjectionRunner(app, store, [ProgrammeProjection(store.tables)], batch_size=3) for _ in range(2)]
        threads = [threading.Thread(target=r.catch_up) for r in runners]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rows = self.coaching_rows(services)
        assert len(rows) == len(set(rows)) == 28
        used = [m.coaching_half_days_used for m in services.queries.clusters.members(Scope(tenant.id), tenant.cluster)]
        assert sum(used) == 28
