"""The application case on a real PostgreSQL server, started from Debian's packages by the test set-up."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.settings import Settings
from tests.conftest import secured_postgres_settings
from tests.integration.application_case import ApplicationCase
from tests.integration.audit_log_case import AuditLogCase
from tests.integration.change_log_case import ChangeLogCase
from tests.integration.parking_case import ParkingCase


@pytest.mark.postgres
class TestOnPostgres(ApplicationCase, AuditLogCase, ParkingCase, ChangeLogCase):
    unprojectable_text = "Clear\x00 enough"  # PostgreSQL text refuses NUL
    fixed_text = "Clear enough"

    @pytest.fixture
    def settings(self, tmp_path: Path, postgres_url: str) -> Settings:
        return secured_postgres_settings(tmp_path, postgres_url)
