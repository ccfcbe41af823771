"""The credentials replay to the byte: a label granted, renewed with its missions, suspended, and another professional's
granted then revoked; rebuilding the read models twice gives what the events built one by one."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import func, select

from backend.services import Services
from domain.labels.commands import RenewLabel, RevokeLabel, SuspendLabel
from domain.labels.track import CoachedMission
from domain.shared.aggregate import SYSTEM_ACTOR
from projections.rebuild import checksum, rebuild
from tests.api.labels.test_credentials import BOARD, LEA, MARC, OTHER, grant

TABLES = ("label_credentials", "label_credential_missions", "label_credential_bodies")


def test_rebuilding_the_credentials_twice_gives_the_incremental_read_models(demo_services: Services) -> None:
    services = demo_services
    lea = grant(services, "Coaching Label Board", BOARD, LEA, "Léa Fontaine", 12)
    on = (lea.body, SYSTEM_ACTOR, lea.professional)
    missions = tuple(CoachedMission(uuid.uuid4(), day, 5) for day in (date(2026, 6, 30), date(2026, 11, 30)))
    services.execute(RenewLabel(*on, date(2026, 12, 1), missions))
    services.execute(SuspendLabel(*on, date(2026, 12, 2), "Complaint under review"))
    marc = grant(services, "Other Label Board", OTHER, MARC, "Marc Keller", 36)
    services.execute(RevokeLabel(marc.body, SYSTEM_ACTOR, marc.professional, date(2026, 3, 1), "Falsified evidence"))
    services.runner.catch_up()
    with services.store.reading() as conn:
        for name in TABLES:
            table = getattr(services.store.tables, name)
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() > 0, name
    incremental = checksum(services.store)
    rebuild(services.app, services.store)
    first = checksum(services.store)
    rebuild(services.app, services.store)
    assert first == checksum(services.store) == incremental
    row = services.queries.credentials.published(lea.body, lea.credential_id)
    assert row is not None
    assert (row.status, row.valid_from, row.valid_until, len(row.missions)) == (
        "suspended",
        date(2026, 12, 1),
        date(2028, 2, 2),
        2,
    )
