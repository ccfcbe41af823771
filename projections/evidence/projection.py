"""Each export of an auditor's bundle, as its event records it: the window, who exported it and when."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert

from domain.evidence.bundles import AuditBundles
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class EvidenceProjection(Projection):
    name = "evidence"
    handles = {(AuditBundles, "Exported"): "exported"}

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        self._insert = insert(tables.audit_bundles)

    def exported(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(
            self._insert,
            {
                "tenant_id": event.tenant_id,
                "organisation_id": event.organisation_id,
                "number": event.number,
                "window_from": event.window_from,
                "window_to": event.window_to,
                "exported_by": event.actor_id,
                "exported_at": event.timestamp,
            },
        )
