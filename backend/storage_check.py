"""Why Cordee cannot use the files of its embedded stores, said in one line an operator can act on.

Asked after opening or writing a store failed: the failure itself surfaces deep inside SQLite, the event store
library or SQLAlchemy, as a traceback that names none of the operator's settings. These checks look at the data
directory and its two databases the way the stores use them, and name the first problem found, or none when the
failure lies elsewhere (then the original error stands).
"""

from __future__ import annotations

import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from eventsourcing.persistence import PersistenceError
from sqlalchemy.exc import SQLAlchemyError

from backend.settings import Settings

STORE_ERRORS: tuple[type[Exception], ...] = (OSError, sqlite3.Error, PersistenceError, SQLAlchemyError)
"""What opening or writing a store raises when its files cannot be used."""

READ_MODELS_FILE = "read-models.sqlite3"

_CHECK = "Check CORDEE_DATA_DIR and its permissions."
_DAMAGED = ("not a database", "malformed", "corrupt")
"""Words of SQLite's errors about a file's content, as opposed to access to it."""


_REBUILD = "They are made from the events: move this file aside and run `cordee projections rebuild`."


def storage_problem(settings: Settings) -> str | None:
    """The first problem with the data directory or the databases in it, as one sentence; None if there is none."""
    if settings.uses_postgres:
        return None
    directory = settings.data_dir.absolute()
    reason = _directory_problem(directory)
    if reason:
        return f"Cordee cannot write to its data directory {directory}: {reason}. {_CHECK}"
    for what, path, if_damaged in _databases(settings, directory):
        reason = _database_problem(path)
        if reason:
            advice = if_damaged if any(word in reason for word in _DAMAGED) else _CHECK
            return f"Cordee cannot use its {what} {path}: {reason}. {advice}"
    return None


def _databases(settings: Settings, directory: Path) -> list[tuple[str, Path, str]]:
    """Each database file, with what to do if it is damaged."""
    return [
        ("event store", directory / settings.event_store_path.name, "It holds every event: restore it from a backup."),
        ("read models", directory / READ_MODELS_FILE, _REBUILD),
    ]


def _directory_problem(directory: Path) -> str | None:
    """Whether a file can be created in the directory (made if missing), as SQLite must for its journal."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".cordee-write-check-") as probe:
            probe.write(b"\0")
            probe.flush()
    except OSError as error:
        blocking = _file_in_the_way(directory)
        if blocking is not None:
            return f"{blocking} is a file, not a directory"
        return _sentence(error.strerror or str(error))
    return None


def _file_in_the_way(directory: Path) -> Path | None:
    """The nearest existing path on the way to the directory, when it is not a directory."""
    for path in (directory, *directory.parents):
        if path.exists():
            return None if path.is_dir() else path
    return None


def _database_problem(path: Path) -> str | None:
    """Whether SQLite can open the database and take its write lock; a missing file is made when needed."""
    if not path.exists():
        return None
    if not path.is_file():
        return "it is not a file"
    try:
        _try_a_write(path)
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            return None  # another process is writing: the file is usable
        return _sentence(str(error))
    except sqlite3.Error as error:
        return _sentence(str(error))
    return None


def _try_a_write(path: Path) -> None:
    with closing(sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=1)) as connection:
        connection.isolation_level = None
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(f"PRAGMA user_version = {int(version)}")  # a write, rolled back at once
        connection.execute("ROLLBACK")


def _sentence(reason: str) -> str:
    one_line = " ".join(reason.split())
    return one_line[:1].lower() + one_line[1:]
