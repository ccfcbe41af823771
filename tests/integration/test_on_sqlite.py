"""The application case on SQLite files, as in the embedded default."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from backend.services import Services
from backend.settings import Settings
from tests.conftest import sqlite_settings
from tests.integration.application_case import ApplicationCase, Tenant
from tests.integration.audit_log_case import AuditLogCase
from tests.integration.change_log_case import ChangeLogCase
from tests.integration.parking_case import ParkingCase


class TestOnSQLite(ApplicationCase, AuditLogCase, ParkingCase, ChangeLogCase):
    unprojectable_text = None  # a NOT NULL column refuses it
    fixed_text = ""

    @pytest.fixture
    def settings(self, tmp_path: Path) -> Settings:
        return sqlite_settings(tmp_path)

    def test_the_event_store_is_in_wal_mode_and_syncs_fully_and_the_read_models_normally(
        self, services: Services
    ) -> None:
        Tenant(services, "alpine")
        connection = services.app.factory.datastore.pool.get_connection()  # type: ignore[attr-defined]
        try:
            raw: sqlite3.Connection = connection._sqlite_conn
            assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert raw.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        finally:
            services.app.factory.datastore.pool.put_connection(connection)  # type: ignore[attr-defined]
        with services.store.reading() as conn:  # the read models can be projected again: no sync per commit
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar_one() == 1  # NORMAL
