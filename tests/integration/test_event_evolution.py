"""An event stored in an older shape, in the store itself: the application and the projections read it through
its upcaster, a rebuild gives the same read models, and the log still verifies, because the stored bytes, which
the log hashed, were never rewritten."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import func, select

from backend.services import Services
from domain.catalogues.library import shipped
from domain.organisations.organisation import organisation_id
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.soa.statement import StatementOfApplicability, statement_id
from domain.tenancy.consultancy import consultancy_id
from projections.rebuild import checksum, rebuild

ALPINE = consultancy_id("alpine")
WEBER = organisation_id(ALPINE, "Weber Logistics")


def test_a_version_1_started_event_in_the_store_replays_through_its_upcaster(demo_services: Services) -> None:
    catalogue = shipped().catalogue("iso27001-2005")
    assert catalogue is not None
    new = StatementOfApplicability.start(ALPINE, SYSTEM_ACTOR, WEBER, catalogue, catalogue.version)
    stored = demo_services.app.mapper.to_stored_event(new.collect_events()[0])
    state = json.loads(stored.state)
    assert state.pop("class_version") == 2
    state.pop("controls"), state.pop("groups")
    old = replace(stored, state=json.dumps(state).encode())  # as version 1 wrote it, before imported catalogues
    demo_services.app.recorder.insert_events([old])
    demo_services.runner.catch_up()

    loaded = demo_services.app.get(StatementOfApplicability, ALPINE, statement_id(ALPINE, WEBER))
    assert loaded.controls == tuple(control.id for control in catalogue.controls)
    tables = demo_services.store.tables
    with demo_services.store.reading() as conn:
        controls = conn.execute(
            select(func.count()).select_from(tables.soa_controls).where(tables.soa_controls.c.tenant_id == ALPINE,
                                                                       tables.soa_controls.c.organisation_id == WEBER)
        ).scalar_one()  # fmt: skip
    assert controls == len(catalogue.controls)
    before = checksum(demo_services.store)
    rebuild(demo_services.app, demo_services.store)
    assert checksum(demo_services.store) == before
    reports = demo_services.audit.verify(ALPINE)
    assert [p for r in reports for p in r.problems] == []
    assert b'"class_version"' not in next(
        e.state for _, e in demo_services.audit.tenant_events(ALPINE) if e.originator_id == loaded.id
    )
