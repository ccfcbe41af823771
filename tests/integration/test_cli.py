"""The `cordee` command line, run as an operator would, on a data directory of its own."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from domain.labels.body import PROFESSIONALS
from domain.tenancy.consultancy import consultancy_id
from tests.support.forked_cli import cordee


def test_an_operator_sets_up_a_tenant_seeds_the_demo_and_rebuilds(tmp_path: Path) -> None:
    created = cordee(tmp_path, "tenant", "create", "Summit Advisors", "summit")
    assert created.returncode == 0, created.stdout + created.stderr
    again = cordee(tmp_path, "tenant", "create", "Summit Again", "summit")
    assert again.returncode == 1
    assert "CONFLICT (slug)" in again.stdout
    user = cordee(
        tmp_path,
        "tenant",
        "add-user",
        "summit",
        "lead@summit.example",
        "Sam Lead",
        "--role",
        "coach",
        stdin="a-long-enough-password\na-long-enough-password\n",
    )
    assert user.returncode == 0, user.stdout + user.stderr
    assert "Demo data: seeded" in cordee(tmp_path, "demo").stdout
    member = cordee(
        tmp_path,
        "tenant",
        "add-user",
        "alpine",
        "second@muller.example",
        "Sara Muller",
        "--role",
        "member",
        "--organisation",
        "Boulangerie Muller",
        stdin="a-long-enough-password\na-long-enough-password\n",
    )
    assert member.returncode == 0, member.stdout + member.stderr
    stranger = cordee(
        tmp_path,
        "tenant",
        "add-user",
        "alpine",
        "third@nowhere.example",
        "No One",
        "--role",
        "member",
        "--organisation",
        "Nowhere Ltd",
        stdin="a-long-enough-password\na-long-enough-password\n",
    )
    assert stranger.returncode == 1
    assert "NOT_FOUND (organisation_id)" in stranger.stdout
    assert "already present" in cordee(tmp_path, "demo").stdout
    status = cordee(tmp_path, "projections", "status").stdout
    for projection in ("tenancy", "programme"):
        [row] = [line for line in status.splitlines() if f" {projection} " in line]
        behind = row.split("│")[-2].strip()
        assert behind == "0", status
    before = cordee(tmp_path, "projections", "checksum").stdout.strip()
    rebuilt = cordee(tmp_path, "projections", "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert cordee(tmp_path, "projections", "checksum").stdout.strip() == before


def test_the_log_verifies_and_names_where_it_was_altered(tmp_path: Path, seeded_demo: Path) -> None:
    """The demo's data directory (a copy of the suite's seeded one, the operator's story above seeds its own): its
    log signed, verified, then altered in SQL and verified again. A test of its own, so the workers run it beside
    the operator's story rather than after it."""
    shutil.copytree(seeded_demo, tmp_path, dirs_exist_ok=True)
    signed = cordee(tmp_path, "audit", "checkpoint")
    # a checkpoint a tenant: the two consultancies, the labelling body and the professionals' realm
    assert signed.returncode == 0 and signed.stdout.count("size ") == 4, signed.stdout + signed.stderr
    assert f"{consultancy_id('alpine')}: size " in signed.stdout and f"{PROFESSIONALS}: size " in signed.stdout
    honest = cordee(tmp_path, "audit", "verify")
    assert honest.returncode == 0, honest.stdout + honest.stderr
    assert "The log verifies" in honest.stdout
    with sqlite3.connect(tmp_path / "events.sqlite3") as events:
        notification, originator, version = events.execute(
            "SELECT notification_id, originator_id, originator_version FROM audit_leaves "
            "WHERE leaf_index = 12 AND tenant_id = ?",
            (str(consultancy_id("alpine")),),
        ).fetchone()
        events.execute("UPDATE stored_events SET state = replace(state, 'a', 'b') WHERE rowid = ?", (notification,))
    altered = cordee(tmp_path, "audit", "verify", "--tenant", "alpine")
    assert altered.returncode == 1
    assert f"sequence number 12, aggregate {originator} version {version}" in altered.stdout
    assert "altered" in altered.stdout


ENTRY_POINT = Path(sys.executable).parent / "cordee"
REPOSITORY = Path(__file__).resolve().parents[2]
COMMANDS_THAT_OPEN_THE_STORES = [
    ["serve"],
    ["demo"],
    ["projections", "status"],
    ["projections", "checksum"],
    ["projections", "rebuild"],
    ["tenant", "create", "Summit Advisors", "summit"],
]


def installed_cordee(data_dir: Path, *args: str, wrapper: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """The `cordee` entry point an operator runs, optionally inside a wrapper command (e.g. a mount namespace)."""
    env = {**os.environ, "CORDEE_DATA_DIR": str(data_dir), "CORDEE_PORT": "0", "PYTHONPATH": str(REPOSITORY)}
    command = [*wrapper, str(ENTRY_POINT), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)


def assert_refused_in_one_line(result: subprocess.CompletedProcess[str], message: str) -> None:
    assert result.returncode != 0
    assert result.stderr.splitlines() == [message], result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("command", COMMANDS_THAT_OPEN_THE_STORES, ids=" ".join)
def test_a_data_directory_under_a_file_is_refused_in_one_line(tmp_path: Path, command: list[str]) -> None:
    in_the_way = tmp_path / "file"
    in_the_way.write_text("not a directory")
    data_dir = in_the_way / "data"
    assert_refused_in_one_line(
        installed_cordee(data_dir, *command),
        f"Cordee cannot write to its data directory {data_dir}: {in_the_way} is a file, not a directory. "
        "Check CORDEE_DATA_DIR and its permissions.",
    )


def test_a_data_directory_where_nothing_can_be_made_is_refused_in_one_line() -> None:
    data_dir = Path("/proc/cordee/data")
    assert_refused_in_one_line(
        installed_cordee(data_dir, "demo"),
        f"Cordee cannot write to its data directory {data_dir}: no such file or directory. "
        "Check CORDEE_DATA_DIR and its permissions.",
    )


def test_a_data_directory_on_a_read_only_mount_is_refused_in_one_line(tmp_path: Path) -> None:
    """A real read-only file system: the data directory bind-mounted read-only in a mount namespace of its own."""
    data_dir = tmp_path / "data"
    created = cordee(data_dir, "tenant", "create", "Alpine Security Coaching", "alpine")
    assert created.returncode == 0, created.stderr
    read_only = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    wrapper = ("unshare", "--map-root-user", "--mount", "sh", "-c", read_only, str(data_dir))
    for command in (["serve"], ["demo"], ["projections", "checksum"]):
        assert_refused_in_one_line(
            installed_cordee(data_dir, *command, wrapper=wrapper),
            f"Cordee cannot write to its data directory {data_dir}: read-only file system. "
            "Check CORDEE_DATA_DIR and its permissions.",
        )


def test_an_event_store_on_a_read_only_mount_is_refused_in_one_line(tmp_path: Path) -> None:
    """The directory can be written, the event store's file cannot: the message names the file."""
    data_dir = tmp_path / "data"
    created = cordee(data_dir, "tenant", "create", "Alpine Security Coaching", "alpine")
    assert created.returncode == 0, created.stderr
    events = data_dir / "events.sqlite3"
    read_only = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    wrapper = ("unshare", "--map-root-user", "--mount", "sh", "-c", read_only, str(events))
    assert_refused_in_one_line(
        installed_cordee(data_dir, "demo", wrapper=wrapper),
        f"Cordee cannot use its event store {events}: attempt to write a readonly database. "
        "Check CORDEE_DATA_DIR and its permissions.",
    )


def test_read_models_that_cannot_be_opened_are_refused_in_one_line_and_rebuilt_from_the_events(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert cordee(data_dir, "tenant", "create", "Summit Advisors", "summit").returncode == 0
    checksum_before = cordee(data_dir, "projections", "checksum").stdout
    read_models = data_dir / "read-models.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{read_models}{suffix}").unlink(missing_ok=True)
    read_models.write_bytes(b"a disk error wrote this over the read models " * 100)
    for command in COMMANDS_THAT_OPEN_THE_STORES:
        assert_refused_in_one_line(
            installed_cordee(data_dir, *command),
            f"Cordee cannot use its read models {read_models}: file is not a database. "
            "They are made from the events: move this file aside and run `cordee projections rebuild`.",
        )
    read_models.rename(tmp_path / "damaged-read-models.sqlite3")
    rebuilt = installed_cordee(data_dir, "projections", "rebuild")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert cordee(data_dir, "projections", "checksum").stdout == checksum_before
