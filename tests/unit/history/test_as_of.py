"""The past of a consultancy: its events up to a recorded moment, and the read models as of moments, cached per
consultancy and moment, bounded in number and in age, each built once."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventsourcing.persistence import Notification

from backend.history.as_of import AsOfModels, moment_of
from backend.history.tenant_history import LogTenantHistory
from domain.application import Cordee
from domain.organisations.commands import RegisterOrganisation
from projections.queries import Scope

ALPINE, HARBOUR, ACTOR = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
MOMENT = datetime(2026, 3, 31, 14, 30, tzinfo=UTC)


def register(app: Cordee, tenant: uuid.UUID, name: str) -> None:
    app.handle(RegisterOrganisation(tenant, ACTOR, name, "Retail", 9))


def recorded(app: Cordee, notifications: Iterator[Notification]) -> list[tuple[uuid.UUID, str]]:
    events: list[Any] = [app.mapper.to_domain_event(n) for n in notifications]
    return [(event.tenant_id, event.name) for event in events]


def test_a_consultancys_history_is_its_own_events_recorded_up_to_the_moment_in_log_order() -> None:
    app = Cordee()
    register(app, ALPINE, "Boulangerie")
    register(app, HARBOUR, "Quayside")
    register(app, ALPINE, "Kirchberg")
    time.sleep(1.05)
    moment = datetime.now(UTC)
    register(app, ALPINE, "Moselle")
    history = LogTenantHistory(app, page_size=2)  # several pages
    assert recorded(app, history.notifications(ALPINE, moment)) == [(ALPINE, "Boulangerie"), (ALPINE, "Kirchberg")]
    assert recorded(app, history.notifications(HARBOUR, moment)) == [(HARBOUR, "Quayside")]
    assert len(list(history.notifications(ALPINE, datetime.now(UTC)))) == 3
    assert list(history.notifications(ALPINE, datetime(2001, 1, 1, tzinfo=UTC))) == []


def test_a_read_model_as_of_a_moment_holds_what_was_recorded_up_to_it_for_that_consultancy_only(
    tmp_path: Path,
) -> None:
    app = Cordee()
    register(app, ALPINE, "Boulangerie")
    register(app, HARBOUR, "Quayside")
    time.sleep(1.05)
    moment = datetime.now(UTC)
    time.sleep(1.05)
    register(app, ALPINE, "Moselle")
    models = AsOfModels(app, LogTenantHistory(app), directory=tmp_path)
    then = models.queries(ALPINE, moment)
    assert [row["name"] for row in then.rows_in_view(Scope(ALPINE), "organisations")] == ["Boulangerie"]
    assert then.rows_in_view(Scope(HARBOUR), "organisations") == []
    now = models.queries(ALPINE, datetime.now(UTC))
    assert sorted(row["name"] for row in now.rows_in_view(Scope(ALPINE), "organisations")) == ["Boulangerie", "Moselle"]
    models.close()


class Counted:
    """A history with nothing in it that counts how often it is read, slowly."""

    def __init__(self, delay: float = 0.0) -> None:
        self.reads = 0
        self.delay = delay

    def notifications(self, tenant_id: uuid.UUID, until: datetime) -> Iterator[Notification]:
        self.reads += 1
        time.sleep(self.delay)
        return iter(())


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_moments_are_truncated_to_the_second_and_a_model_is_built_once(tmp_path: Path) -> None:
    history = Counted()
    models = AsOfModels(Cordee(), history, directory=tmp_path)
    first = models.queries(ALPINE, MOMENT.replace(microsecond=100))
    assert models.queries(ALPINE, MOMENT.replace(microsecond=900_000)) is first
    assert models.queries(ALPINE, MOMENT.replace(tzinfo=None)) is first  # no zone: UTC
    assert history.reads == 1 and models.builds == 1
    assert moment_of(MOMENT.replace(microsecond=5)) == MOMENT


def test_the_cache_keeps_the_most_recently_used_models_up_to_its_bound_and_removes_the_others(
    tmp_path: Path,
) -> None:
    models = AsOfModels(Cordee(), Counted(), entries=2, directory=tmp_path)
    moments = [MOMENT.replace(minute=m) for m in (1, 2, 3)]
    models.queries(ALPINE, moments[0])
    models.queries(ALPINE, moments[1])
    models.queries(ALPINE, moments[0])  # used again: the second one is now the oldest
    models.queries(ALPINE, moments[2])
    assert models.cached() == [(ALPINE, moments[0]), (ALPINE, moments[2])]
    assert len(list(tmp_path.glob("*.sqlite3"))) == 2  # the dropped model's file is removed
    models.queries(HARBOUR, moments[0])  # another consultancy, same moment: a model of its own
    assert models.cached() == [(ALPINE, moments[2]), (HARBOUR, moments[0])] and models.builds == 4
    models.close()
    assert list(tmp_path.glob("*.sqlite3")) == []


def test_a_model_older_than_its_age_is_built_again(tmp_path: Path) -> None:
    clock, history = Clock(), Counted()
    models = AsOfModels(Cordee(), history, max_age_seconds=600, directory=tmp_path, clock=clock)
    first = models.queries(ALPINE, MOMENT)
    clock.now += 599
    assert models.queries(ALPINE, MOMENT) is first
    clock.now += 2
    assert models.cached() == []
    assert models.queries(ALPINE, MOMENT) is not first and history.reads == 2


def test_two_requests_for_the_same_moment_wait_for_one_build(tmp_path: Path) -> None:
    history = Counted(delay=0.3)
    models = AsOfModels(Cordee(), history, directory=tmp_path)
    answers: list[object] = []
    threads = [threading.Thread(target=lambda: answers.append(models.queries(ALPINE, MOMENT))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert history.reads == 1 and len(answers) == 3 and len({id(a) for a in answers}) == 1
