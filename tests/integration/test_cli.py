"""The `cordee` command line, run as an operator would, on a data directory of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def cordee(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CORDEE_DATA_DIR": str(data_dir), "COLUMNS": "200"}
    command = [sys.executable, "-c", "from backend.cli import main; main()", *args]
    return subprocess.run(command, env=env, input=stdin, capture_output=True, text=True, timeout=120, check=False)


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
