"""A whole consultancy exported and imported into a fresh instance: the same events, the same tree, the same
signed checkpoints, the same read models after a rebuild; on SQLite, on PostgreSQL, and from one to the other."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from backend.audit.transfer import ImportRefused, export_tenant, import_tenant
from backend.services import build_services
from backend.settings import Settings
from projections.rebuild import checksum, rebuild
from tests.conftest import postgres_settings, sqlite_settings
from tests.integration.application_case import Tenant


def moved_and_compared(source_settings: Settings, target_settings: Settings, archive: Path) -> None:
    source = build_services(source_settings)
    try:
        tenant = Tenant(source, "alpine")
        source.audit.checkpoint(tenant.id)
        tenant.run_a_session(source)  # a session held, feedback, a gap analysis, a move; then signed on export
        exported = export_tenant(source.audit, tenant.id, archive)
        rebuild(source.app, source.store)
        expected_checksum = checksum(source.store)
        expected_checkpoints = [c.note for c in source.audit.checkpoints(tenant.id)]
    finally:
        source.close()
    target = build_services(target_settings)
    try:
        imported = import_tenant(target.app, target.audit, archive)
        rebuild(target.app, target.store)
        assert (imported.events, imported.root) == (exported.events, exported.root)
        assert checksum(target.store) == expected_checksum
        assert [c.note for c in target.audit.checkpoints(tenant.id)] == expected_checkpoints
        reports = target.audit.verify()
        assert [p for r in reports for p in r.problems] == []
        assert [(r.size, r.root, r.checkpoints) for r in reports] == [(exported.events, exported.root, 2)]
        with pytest.raises(ImportRefused, match="already has events"):
            import_tenant(target.app, target.audit, archive)
    finally:
        target.close()


def test_sqlite_to_sqlite(tmp_path: Path) -> None:
    moved_and_compared(sqlite_settings(tmp_path / "a"), sqlite_settings(tmp_path / "b"), tmp_path / "alpine.zip")


@pytest.mark.postgres
def test_postgres_to_postgres(tmp_path: Path, postgres_url: str, postgres_server: object) -> None:
    from tests.conftest import _database_numbers

    second = f"cordee_test_{next(_database_numbers)}"
    postgres_server.create_database(second)  # type: ignore[attr-defined]
    try:
        target = postgres_settings(tmp_path / "b", postgres_server.url(second))  # type: ignore[attr-defined]
        moved_and_compared(postgres_settings(tmp_path / "a", postgres_url), target, tmp_path / "alpine.zip")
    finally:
        postgres_server.drop_database(second)  # type: ignore[attr-defined]


@pytest.mark.postgres
def test_sqlite_to_postgres(tmp_path: Path, postgres_url: str) -> None:
    moved_and_compared(
        sqlite_settings(tmp_path / "a"), postgres_settings(tmp_path / "b", postgres_url), tmp_path / "a.zip"
    )


@pytest.mark.postgres
def test_postgres_to_sqlite(tmp_path: Path, postgres_url: str) -> None:
    moved_and_compared(
        postgres_settings(tmp_path / "a", postgres_url), sqlite_settings(tmp_path / "b"), tmp_path / "a.zip"
    )


def test_an_altered_archive_is_refused(tmp_path: Path) -> None:
    source = build_services(sqlite_settings(tmp_path / "a"))
    try:
        tenant = Tenant(source, "alpine")
        export_tenant(source.audit, tenant.id, tmp_path / "alpine.zip")
    finally:
        source.close()
    with (
        zipfile.ZipFile(tmp_path / "alpine.zip") as original,
        zipfile.ZipFile(tmp_path / "altered.zip", "w") as altered,
    ):
        for name in original.namelist():
            data = original.read(name)
            if name == "events.jsonl":
                lines = data.decode().splitlines()
                event = json.loads(lines[1])
                event["state"]["name"] = "Someone else"
                lines[1] = json.dumps(event)
                data = ("\n".join(lines) + "\n").encode()
            altered.writestr(name, data)
    target = build_services(sqlite_settings(tmp_path / "b"))
    try:
        with pytest.raises(ImportRefused, match="altered"):
            import_tenant(target.app, target.audit, tmp_path / "altered.zip")
    finally:
        target.close()
