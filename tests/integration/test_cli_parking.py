"""An operator sees parked events with `cordee projections status` and replays them after a fix."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from backend.services import build_services
from backend.settings import Settings
from tests.integration.application_case import Tenant
from tests.support.forked_cli import cordee


def test_an_operator_lists_parked_events_and_replays_them_after_the_fix(tmp_path: Path) -> None:
    services = build_services(Settings(env="test", data_dir=tmp_path))
    try:
        alpine, harbour = Tenant(services, "alpine"), Tenant(services, "harbour")
        services.runner.catch_up()
        with services.store.writing() as conn:  # a fault in the read store that only alpine's rows meet
            conn.exec_driver_sql(
                "CREATE TRIGGER trap BEFORE INSERT ON coaching_half_days "
                f"WHEN NEW.tenant_id = '{alpine.id.hex}' BEGIN SELECT RAISE(ABORT, 'trapped'); END"
            )
        for day in (10, 11):
            services.app.handle(alpine.coaching(alpine.members[0], day))
        services.app.handle(harbour.coaching(harbour.members[0]))
        services.runner.catch_up()

        status = cordee(tmp_path, "projections", "status")
        [row] = [line for line in status.stdout.splitlines() if str(alpine.id) in line]
        assert "alpine" in row and "programme" in row and " 2 " in row and "IntegrityError" in row, status.stdout
        refused = cordee(tmp_path, "projections", "replay", "--tenant", "alpine")
        assert refused.returncode == 1 and "Applied 0 parked events; 2 still parked." in refused.stdout

        with services.store.writing() as conn:
            conn.exec_driver_sql("DROP TRIGGER trap")
        replayed = cordee(tmp_path, "projections", "replay", "--tenant", "alpine", "--projection", "programme")
        assert replayed.returncode == 0, replayed.stdout + replayed.stderr
        assert "Applied 2 parked events; 0 still parked." in replayed.stdout
        assert "No events parked." in cordee(tmp_path, "projections", "status").stdout
        table = services.store.tables.coaching_half_days
        with services.store.reading() as conn:
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 3
    finally:
        services.close()
