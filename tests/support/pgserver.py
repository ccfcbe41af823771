"""Throwaway PostgreSQL server for tests, built from Debian's ``postgresql`` binaries.

Each :class:`PostgresServer` runs ``initdb`` into a fresh temporary directory,
starts a server on a free TCP port on 127.0.0.1 with durability switched off
(fast, but never use it for real data) and removes everything on :meth:`stop`.
PostgreSQL refuses to run as root, so under root the binaries are run as the
``postgres`` system user (created by the Debian package) through ``runuser``.
"""

from __future__ import annotations

import atexit
import getpass
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import Self

import psycopg
from psycopg import sql

PG_ROOT = Path("/usr/lib/postgresql")
_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
}


def find_bindir() -> Path:
    """Return the ``bin`` directory of the newest installed PostgreSQL version."""
    candidates = [p for p in PG_ROOT.glob("*/bin") if (p / "initdb").is_file()]
    if not candidates:
        raise RuntimeError(
            f"No PostgreSQL server binaries found under {PG_ROOT}/<version>/bin; "
            "run `make test`, which installs the `postgresql` Debian package."
        )

    def version(bindir: Path) -> tuple[int, ...]:
        return tuple(int(p) for p in bindir.parent.name.split(".") if p.isdigit())

    return max(candidates, key=version)


def free_port(host: str = "127.0.0.1") -> int:
    """Ask the kernel for a TCP port that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """A disposable PostgreSQL cluster; use ``with PostgresServer() as pg:``."""

    host: str = "127.0.0.1"

    def __init__(self) -> None:
        self._as_root = os.geteuid() == 0
        self.user: str = "postgres" if self._as_root else getpass.getuser()
        self.port: int = 0
        self._tmpdir: Path | None = None

    @property
    def _datadir(self) -> Path:
        if self._tmpdir is None:
            raise RuntimeError("PostgresServer is not started")
        return self._tmpdir / "data"

    def _run(self, *args: str) -> None:
        prefix = ["runuser", "-u", self.user, "--"] if self._as_root else []
        cmd = [*prefix, *args]
        subprocess.run(cmd, cwd=self._tmpdir, check=True, capture_output=True, text=True)

    def _log_tail(self, lines: int = 40) -> str:
        log = self._tmpdir / "postgres.log" if self._tmpdir else None
        if log is None or not log.exists():
            return "(no log file)"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])

    def start(self) -> None:
        """Initialise a fresh cluster and start it; raise RuntimeError on failure."""
        if self._tmpdir is not None:
            return
        bindir = find_bindir()
        self._tmpdir = Path(tempfile.mkdtemp(prefix="cordee-pg-"))
        atexit.register(self.stop)
        if self._as_root:
            shutil.chown(self._tmpdir, user=self.user, group=self.user)
        self.port = free_port(self.host)
        try:
            self._run(
                str(bindir / "initdb"), "-D", str(self._datadir), "-U", self.user,
                "--auth-local=trust", "--auth-host=trust",
                "--encoding=UTF8", "--locale=C", "--no-sync",
            )  # fmt: skip
            settings = {
                **_SETTINGS,
                "port": str(self.port),
                "unix_socket_directories": f"'{self._tmpdir}'",
            }
            with (self._datadir / "postgresql.conf").open("a") as conf:
                conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
            self._run(
                str(bindir / "pg_ctl"), "-D", str(self._datadir), "-w", "-t", "60",
                "-l", str(self._tmpdir / "postgres.log"), "start",
            )  # fmt: skip
        except subprocess.CalledProcessError as exc:
            message = (
                f"PostgreSQL failed to start: {' '.join(exc.cmd)} "
                f"exited {exc.returncode}\n{exc.stdout}{exc.stderr}\n"
                f"--- log tail ---\n{self._log_tail()}"
            )
            self.stop()
            raise RuntimeError(message) from exc

    def stop(self) -> None:
        """Stop the server (immediately) and delete its directory; idempotent."""
        if self._tmpdir is None:
            return
        try:
            if (self._datadir / "postmaster.pid").exists():
                self._run(
                    str(find_bindir() / "pg_ctl"), "-D", str(self._datadir),
                    "-m", "immediate", "-w", "stop",
                )  # fmt: skip
        except (subprocess.CalledProcessError, RuntimeError):
            pass
        finally:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None
            atexit.unregister(self.stop)

    def _admin(self) -> psycopg.Connection[tuple[object, ...]]:
        info = f"host={self.host} port={self.port} user={self.user} dbname=postgres"
        return psycopg.connect(info, autocommit=True)

    def create_database(self, name: str, template: str | None = None) -> None:
        """An empty database, or a copy of `template` (which no connection may be open on)."""
        with self._admin() as conn:
            query = sql.SQL("CREATE DATABASE {} TEMPLATE {}") if template else sql.SQL("CREATE DATABASE {}")
            conn.execute(query.format(sql.Identifier(name), *([sql.Identifier(template)] if template else [])))

    def drop_database(self, name: str) -> None:
        with self._admin() as conn:
            query = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            conn.execute(query.format(sql.Identifier(name)))

    def url(self, dbname: str) -> str:
        """SQLAlchemy URL for ``dbname`` on this server."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()
