"""Seeding the demo is resumable: however a seed is interrupted, running it again ends as an uninterrupted seed.

Two seeds never match byte for byte: the library stamps each event with the time it was recorded, passwords are
hashed with a random salt, and feedback items have random ids. So the seeds are compared by what their users see:
every read row without those three, and how many events of each type the log holds.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy import DateTime, select

from backend.demo import DEMO_TENANTS, PROFESSIONALS_DEMO, seed_demo
from backend.services import Services, build_services
from domain.application import Cordee
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.commands import CreateConsultancy
from domain.tenancy.consultancy import consultancy_id
from projections.trail.tables import TRAIL_TABLES
from tests.conftest import postgres_settings, sqlite_settings

TODAY = date(2026, 3, 2)
REPOSITORY = Path(__file__).resolve().parents[2]
VOLATILE_COLUMNS = {
    ("accounts", "password_hash"),
    ("integration_clients", "secret_hash"),  # a new random secret at each seed: the demo publishes none
    ("feedback_items", "item_id"),
    ("documents", "document_id"),
    ("document_versions", "document_id"),
    ("document_history", "document_id"),
    ("assets", "asset_id"),
    ("asset_dependencies", "asset_id"),
    ("asset_dependencies", "depends_on_id"),
    ("asset_history", "asset_id"),
    ("asset_history", "other_asset_id"),
    ("itil_declarations", "document_id"),
    ("itil_history", "document_id"),
    ("risks", "risk_id"),
    ("incidents", "incident_id"),
    ("incident_steps", "incident_id"),
    ("incident_links", "incident_id"),
    ("incident_links", "linked_id"),
    ("monitoring_tokens", "token_id"),
    ("monitoring_tokens", "key_hash"),
    ("risk_assets", "risk_id"),
    ("risk_assets", "asset_id"),
    ("risk_controls", "risk_id"),
    ("risk_history", "risk_id"),
    ("risk_reviews", "review_id"),
    ("treatment_actions", "action_id"),
    ("metrics", "metric_id"),
    ("metric_measurements", "measurement_id"),
    ("metric_measurements", "metric_id"),
    ("metric_history", "metric_id"),
    ("treatment_actions", "risk_ids"),
    ("security_objectives", "objective_id"),
    ("asset_sources", "asset_id"),
    ("asset_sources", "library_item_id"),
    ("document_sources", "document_id"),
    ("document_sources", "library_item_id"),
    ("library_items", "item_id"),
    ("library_item_history", "item_id"),
    ("changes", "standard_change_id"),
    ("standard_changes", "standard_change_id"),
    ("audits", "audit_id"),
    ("audit_findings", "finding_id"),
    ("audit_findings", "audit_id"),
    ("audit_findings", "nonconformity_id"),
    ("audit_history", "subject_id"),
    ("nonconformities", "nonconformity_id"),
    ("nonconformities", "source_reference"),
    ("corrective_actions", "action_id"),
    ("corrective_actions", "nonconformity_id"),
    ("nonconformity_history", "nonconformity_id"),
    ("management_reviews", "review_id"),
    ("management_review_inputs", "review_id"),
    ("management_review_opportunities", "review_id"),
    ("management_review_decisions", "review_id"),
    ("management_review_actions", "review_id"),
    ("trainings", "training_id"),
    ("trainings", "document_id"),
    ("awareness_campaigns", "campaign_id"),
    ("competence_history", "record_id"),
    *((table, "item_id") for table in TRAIL_TABLES),
    ("trail_items", "item_id"),
    ("label_credentials", "credential_id"),
    ("label_credentials", "record_id"),
    ("label_credentials", "status_index"),
    ("label_credential_missions", "record_id"),
}
"""Besides the times of recording (every DateTime column): what differs between two seeds of the same facts
(feedback items, documents, assets, risks, actions, objectives, library items, standard changes, audits, their
findings, nonconformities, corrective actions, incidents, management reviews, trainings and campaigns have random
ids; an ITIL declaration may link a document; a nonconformity raised from an audit names the audit; the audit
trail names every item; a label's credential has a random public id and status entry, and a random record)."""


RANDOM_STATUS_ENTRY = re.compile(r"(Status index|Index): \d+.*", re.S)
"""The trail's summary of a label credential's status entry, drawn at random by each seed: the summary is cut to
its length, so what follows the entry moves with its number of digits."""


@dataclass(frozen=True)
class SeedState:
    rows: list[str]
    events: Counter[str]


class Interrupted(Exception):
    """Stands for a crash between two commands."""


def command_name(cmd: object) -> str:
    """`OpenAccount` → `open_account`: the name its handler goes by."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(cmd).__name__).lower()


class InterruptingApplication:
    """The real application, except that its n-th command raises instead of running: the ones before are stored."""

    def __init__(self, app: Cordee, interrupt_at: int | None = None) -> None:
        self.app, self.interrupt_at = app, interrupt_at
        self.commands: list[str] = []

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self.app, name)
        if not callable(attribute):
            return attribute

        def call(*args: Any, **kwargs: Any) -> Any:
            if len(args) == 1 and type(args[0]).__module__.endswith(".commands"):
                self.commands.append(command_name(args[0]) if name == "handle" else name)
                if len(self.commands) == self.interrupt_at:
                    raise Interrupted(name)
            return attribute(*args, **kwargs)

        return call


@contextmanager
def services_in(data_dir: Path) -> Iterator[Services]:
    services = build_services(sqlite_settings(data_dir))
    try:
        yield services
    finally:
        services.close()


def state_of(services: Services) -> SeedState:
    services.runner.catch_up()
    tables = services.store.tables
    rows = []
    with services.store.reading() as conn:
        for table in tables.all():
            name = tables.unprefixed(table)
            if table is tables.tracking:
                continue
            kept = [
                column
                for column in table.columns
                if not isinstance(column.type, DateTime) and (name, column.name) not in VOLATILE_COLUMNS
            ]
            for row in conn.execute(select(*kept)).mappings():
                kept_row = dict(row)
                if isinstance(kept_row.get("summary"), str):  # cut where the random entry moves the rest
                    kept_row["summary"] = RANDOM_STATUS_ENTRY.sub(r"\1: (random)", kept_row["summary"])
                rows.append(f"{name} {json.dumps(kept_row, sort_keys=True, default=str)}")
    notifications = services.app.recorder.select_notifications(1, 1_000_000)
    return SeedState(sorted(rows), Counter(n.topic.rsplit(":", 1)[-1] for n in notifications))


@dataclass(frozen=True)
class Reference:
    commands: list[str]
    state: SeedState


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Reference:
    """An uninterrupted seed on a fresh store, and the commands it ran, in order."""
    with services_in(tmp_path_factory.mktemp("reference")) as services:
        recording = InterruptingApplication(services.app)
        seeded = seed_demo(replace(services, app=cast(Cordee, recording)), TODAY)
        assert seeded == [*(tenant.name for tenant in DEMO_TENANTS), PROFESSIONALS_DEMO]
        return Reference(recording.commands, state_of(services))


def nth(command: str, occurrence: int = 1) -> Callable[[list[str]], int]:
    def position(commands: list[str]) -> int:
        return [i for i, name in enumerate(commands, start=1) if name == command][occurrence - 1]

    return position


def coaching_towards_the_ceiling(commands: list[str]) -> int:
    """Three half-days before the first consultancy's last one: inside the run that brings a member near its ceiling."""
    position = nth("declare_unavailability", 2)(commands) - 3
    assert commands[position - 3 : position] == ["log_coaching_half_day"] * 3
    return position


INTERRUPTIONS: dict[str, Callable[[list[str]], int]] = {
    "setting the first consultancy's baseline": nth("set_single_organisation_baseline"),
    "admitting the second organisation": nth("admit_organisation", 2),
    "opening the member's account": nth("open_account", 3),
    "accepting the plan": nth("accept_plan"),
    "starting the cluster": nth("start_cluster"),
    "assessing the first gap": nth("assess_gap"),
    "sharing the second feedback item": nth("share_feedback", 2),
    "submitting the security policy": nth("submit_version"),
    "coaching towards the ceiling": coaching_towards_the_ceiling,
    "declaring the late clash": nth("declare_unavailability", 2),
    "creating the second consultancy": nth("create_consultancy", 2),
    "importing the first catalogue": nth("import_catalogue"),
    "revising a library item": nth("revise_library_item"),
    "copying a skeleton": nth("copy_document_skeleton"),
    "recording the second audit finding": nth("record_audit_finding", 2),
    "raising a nonconformity from a finding": nth("raise_nonconformity_from_finding"),
    "planning the second corrective action": nth("plan_corrective_action", 2),
    "exporting the first auditor's bundle": nth("export_audit_bundle"),
    "the very last command": len,
}
"""Where to interrupt: inside each kind of step, between the steps that depend on each other, in each consultancy."""


@pytest.mark.parametrize("step", INTERRUPTIONS)
def test_a_seed_interrupted_at_any_step_completes_when_run_again(
    tmp_path: Path, reference: Reference, step: str
) -> None:
    with services_in(tmp_path) as services:
        interrupt_and_resume(services, INTERRUPTIONS[step](reference.commands), reference)


@pytest.mark.postgres
def test_a_seed_interrupted_on_postgresql_completes_when_run_again(
    tmp_path: Path, postgres_url: str, reference: Reference
) -> None:
    services = build_services(postgres_settings(tmp_path, postgres_url))
    try:
        interrupt_and_resume(services, nth("share_feedback", 2)(reference.commands), reference)
    finally:
        services.close()


def interrupt_and_resume(services: Services, interrupt_at: int, reference: Reference) -> None:
    crashing = InterruptingApplication(services.app, interrupt_at)
    with pytest.raises(Interrupted):
        seed_demo(replace(services, app=cast(Cordee, crashing)), TODAY)
    assert interrupt_at - 1 <= sum(state_of(services).events.values()) < sum(reference.state.events.values())
    assert seed_demo(services, TODAY)
    assert state_of(services) == reference.state


def test_a_seed_run_again_writes_nothing(tmp_path: Path, reference: Reference) -> None:
    with services_in(tmp_path) as services:
        seed_demo(services, TODAY)
        assert seed_demo(services, TODAY) == []
        assert state_of(services) == reference.state


def test_a_seed_killed_part_way_completes_when_run_again(tmp_path: Path, reference: Reference) -> None:
    """`cordee demo` killed with SIGKILL once some events are stored: no clean-up ran; the next run completes it."""
    all_events = sum(reference.state.events.values())
    for attempt in range(5):  # on a busy machine the seed may finish before it is seen part way: try again
        data_dir = tmp_path / f"attempt-{attempt}"
        killed, stored = kill_demo_part_way(data_dir, after_events=all_events // 3)
        if killed and stored < all_events:
            break
    assert killed and stored < all_events, "the demo was never caught part way"
    rerun = cordee_demo(data_dir)
    assert rerun.returncode == 0, rerun.stderr
    assert "Demo data: seeded" in rerun.stdout
    with services_in(data_dir) as services:
        assert state_of(services) == reference.state


def cordee_command(data_dir: Path) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "CORDEE_DATA_DIR": str(data_dir / "data"), "PYTHONPATH": str(REPOSITORY)}
    return [str(Path(sys.executable).parent / "cordee"), "demo", "--today", TODAY.isoformat()], env


def cordee_demo(data_dir: Path) -> subprocess.CompletedProcess[str]:
    command, env = cordee_command(data_dir)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)


def kill_demo_part_way(data_dir: Path, after_events: int) -> tuple[bool, int]:
    """Answers whether the seed was killed, and how many events it had stored."""
    command, env = cordee_command(data_dir)
    events = data_dir / "data" / "events.sqlite3"
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as process:
        while process.poll() is None and stored_events(events) < after_events:
            time.sleep(0.001)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
    return process.returncode == -signal.SIGKILL, stored_events(events)


def stored_events(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as connection:
            count: int = connection.execute("SELECT count(*) FROM stored_events").fetchone()[0]
            return count
    except sqlite3.OperationalError:  # the store is still creating its table
        return 0


@pytest.mark.parametrize("step", ["accepting the plan", "starting the cluster"])
def test_a_seed_resumed_a_week_later_completes_the_programme_it_began(
    tmp_path: Path, reference: Reference, step: str
) -> None:
    """The plan, its start and the declared closure stay as first seeded; the sessions run up to the later day."""
    with services_in(tmp_path) as services:
        crashing = InterruptingApplication(services.app, INTERRUPTIONS[step](reference.commands))
        with pytest.raises(Interrupted):
            seed_demo(replace(services, app=cast(Cordee, crashing)), TODAY)
        assert seed_demo(services, TODAY + timedelta(weeks=1))
        services.runner.catch_up()
        tables = services.store.tables
        with services.store.reading() as conn:
            clusters = conn.execute(select(tables.clusters.c.plan_starts_on, tables.clusters.c.started_on)).all()
            periods = conn.execute(select(tables.unavailability.c.reason)).scalars().all()
        assert [started_on for _, started_on in clusters] == [plan_starts_on for plan_starts_on, _ in clusters]
        assert Counter(periods) == {"Annual closure": 2, "Trade fair in Frankfurt": 2}


def test_a_consultancy_that_took_a_demo_short_name_is_left_alone(tmp_path: Path) -> None:
    with services_in(tmp_path) as services:
        services.app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine Advisors", "alpine"))
        assert seed_demo(services, TODAY) == ["Harbour Risk Partners", PROFESSIONALS_DEMO]
        tables = services.store.tables
        with services.store.reading() as conn:
            alpine = tables.accounts.c.tenant_id == consultancy_id("alpine")
            assert conn.execute(select(tables.accounts.c.email).where(alpine)).all() == []
