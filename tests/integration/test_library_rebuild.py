"""The consultancy's catalogues and library replay to the byte: rebuilding the demo's read models twice gives the
read models the events built one by one, the imported versions, control texts, library items and copies included."""

from __future__ import annotations

from sqlalchemy import func, select

from backend.services import Services
from projections.rebuild import checksum, rebuild

TABLES = (
    "imported_catalogues",
    "control_texts",
    "library_items",
    "library_item_history",
    "asset_sources",
    "document_sources",
)


def test_rebuilding_the_demo_twice_gives_the_incremental_read_models(demo_services: Services) -> None:
    services = demo_services
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
