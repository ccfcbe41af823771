"""`cordee serve` in two worker processes on one data directory: writes in one are read in both, exactly once.

The server runs as an operator starts it, in a subprocess on a free loopback port, over SQLite files seeded with
the demo. Each request opens a new connection, so the kernel hands them to either worker.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx2
import pytest

from backend.demo import DEMO_PASSWORD

ADMIN = "admin@alpine.example"
REGISTER = """
mutation($input: RegisterOrganisationInput!) {
  result: registerOrganisation(input: $input) {
    __typename ... on OrganisationChange { organisation { id name } } ... on UserError { code message }
  }
}
"""
ORGANISATIONS = "{ organisations { id name } }"


def cordee(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CORDEE_ENV": "test", "CORDEE_DATA_DIR": str(data_dir), "COLUMNS": "200"}
    command = [sys.executable, "-c", "from backend.cli import main; main()", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[str]:
    """The demo served by two worker processes; stopped after the test, its log shown if it failed to start."""
    cordee(tmp_path, "demo")
    port = free_port()
    env = {
        **os.environ,
        "CORDEE_ENV": "test",
        "CORDEE_DATA_DIR": str(tmp_path),
        "CORDEE_PORT": str(port),
        "CORDEE_WORKERS": "2",
    }
    log_path = tmp_path / "serve.log"
    with log_path.open("w") as log:
        command = [sys.executable, "-c", "from backend.cli import main; main()", "serve"]
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for_workers(base, server, log_path)
            yield base
        finally:
            server.terminate()
            server.wait(30)


def _wait_for_workers(base: str, server: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, log_path.read_text()
        started = log_path.read_text().count("Application startup complete")
        if started == 2 and _live(base):
            return
        time.sleep(0.2)
    raise AssertionError(f"two workers did not start:\n{log_path.read_text()}")


def _live(base: str) -> bool:
    try:
        return httpx2.get(f"{base}/health/live", timeout=2).status_code == 200
    except httpx2.HTTPError:
        return False


def sign_in(base: str, email: str) -> dict[str, str]:
    with httpx2.Client(base_url=base, timeout=30) as client:
        page = client.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None
        response = client.post("/login", data={"email": email, "password": DEMO_PASSWORD, "csrf_token": token.group(1)})
        assert response.status_code == 303, response.text
        return dict(client.cookies)


def graphql(base: str, cookies: dict[str, str], document: str, variables: dict[str, Any] | None = None) -> Any:
    """One request on a connection of its own, so that either worker may answer it."""
    with httpx2.Client(base_url=base, cookies=cookies, timeout=30) as client:
        response = client.post("/graphql", json={"query": document, "variables": variables or {}})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def test_two_workers_read_each_others_writes_and_project_each_event_once(tmp_path: Path, two_workers: str) -> None:
    base, cookies = two_workers, sign_in(two_workers, ADMIN)
    names = [f"Worker Test {n} Sarl" for n in range(8)]

    def register(name: str) -> dict[str, Any]:
        variables = {"input": {"name": name, "sector": "Retail", "employeeCount": 12}}
        result: dict[str, Any] = graphql(base, cookies, REGISTER, variables)["result"]
        return result

    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(register, names))
    assert [a["__typename"] for a in answers] == ["OrganisationChange"] * len(names), answers
    assert [a["organisation"]["name"] for a in answers] == names

    for _ in range(12):
        listed = [o["name"] for o in graphql(base, cookies, ORGANISATIONS)["organisations"]]
        assert sorted(n for n in listed if n.startswith("Worker Test")) == names
    assert httpx2.get(f"{base}/health/ready", timeout=10).status_code == 200

    served = cordee(tmp_path, "projections", "checksum").stdout.strip()
    rebuilt = cordee(tmp_path, "projections", "rebuild").stdout
    assert served in rebuilt
    assert cordee(tmp_path, "projections", "checksum").stdout.strip() == served
