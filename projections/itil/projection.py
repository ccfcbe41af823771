"""ITIL declarations as rows: a declaration adds the item's row, a withdrawal removes it; both go to the history."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, delete, insert

from domain.itil.declarations import ItilDeclarations
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class ItilProjection(Projection):
    name = "itil"
    handles = {
        (ItilDeclarations, "Declared"): "declared",
        (ItilDeclarations, "Withdrawn"): "withdrawn",
        (ItilDeclarations, "GapProposalsConfirmed"): "gap_proposals_confirmed",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        declarations = tables.itil_declarations
        self._insert = insert(declarations)
        self._delete = delete(declarations).where(
            declarations.c.tenant_id == bindparam("t"),
            declarations.c.organisation_id == bindparam("o"),
            declarations.c.item == bindparam("i"),
        )
        self._history = insert(tables.itil_history)

    def declared(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "organisation_id": event.organisation_id,
            "item": event.item,
            "evidence": event.evidence,
            "document_id": event.document_id,
            "declared_by": event.actor_id,
            "declared_at": event.timestamp,
        }
        writer.write(self._insert, row)
        self._record(writer, event, "declared", event.evidence, event.document_id)

    def withdrawn(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._delete, {"t": event.tenant_id, "o": event.organisation_id, "i": event.item})
        self._record(writer, event, "withdrawn", event.reason, None)

    def gap_proposals_confirmed(self, writer: GroupedWriter, event: Any) -> None:
        """In the history: which levels of the recorded gap analysis came from a proposal, and which were corrected."""
        self._record(writer, event, "gap_confirmed", _taken(event.areas), None, GAP_ANALYSIS)

    def _record(
        self, writer: GroupedWriter, event: Any, action: str, text: str, document_id: Any, item: str | None = None
    ) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "organisation_id": event.organisation_id,
            "version": event.originator_version,
            "item": item or event.item,
            "action": action,
            "text": text,
            "document_id": document_id,
            "acted_by": event.actor_id,
            "acted_at": event.timestamp,
        }
        writer.write(self._history, row)


GAP_ANALYSIS = "gap-analysis"
"""The history's item for a gap analysis recorded from the proposals (no ITIL item has this key)."""


def _taken(areas: list[dict[str, Any]]) -> str:
    def one(area: dict[str, Any]) -> str:
        if area["confirmed"] == area["proposed"]:
            return f"{area['area']} at {area['confirmed']} as proposed"
        return f"{area['area']} at {area['confirmed']}, corrected from the proposed {area['proposed']}"

    return "Gap analysis recorded from the proposals: " + "; ".join(one(area) for area in areas) + "."
