"""The history the as-of read models replay: read through the log's per-tenant index, it is the same, event for
event, as a scan of the whole notification log keeping the tenant's events recorded by the moment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from backend.history.tenant_history import IndexedTenantHistory, LogTenantHistory
from backend.services import Services
from domain.tenancy.consultancy import consultancy_id


def test_the_indexed_history_is_the_scanned_one_for_each_tenant_and_moment(demo_services: Services) -> None:
    indexed, scanned = IndexedTenantHistory(demo_services.audit), LogTenantHistory(demo_services.app)
    tenants = [consultancy_id("alpine"), consultancy_id("harbour")]
    stamps = sorted(
        demo_services.app.mapper.to_domain_event(n).timestamp
        for n in demo_services.app.recorder.select_notifications(1, 10_000)
    )
    moments = [stamps[0] - timedelta(seconds=1), stamps[len(stamps) // 3], stamps[-40], datetime.now(UTC)]
    for tenant in tenants:
        for moment in moments:
            found = [(n.id, n.originator_id, n.originator_version) for n in indexed.notifications(tenant, moment)]
            expected = [(n.id, n.originator_id, n.originator_version) for n in scanned.notifications(tenant, moment)]
            assert found == expected, (tenant, moment)
        assert found
