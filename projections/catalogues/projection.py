"""Each imported version as a row holding its content, and each control's private text as it now reads."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, insert, update

from domain.catalogues.imported import ControlText, ImportedCatalogue
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class CatalogueProjection(Projection):
    name = "catalogues"
    handles = {
        (ImportedCatalogue, "Imported"): "imported",
        (ImportedCatalogue, "VersionImported"): "imported",
        (ControlText, "Pasted"): "pasted",
        (ControlText, "Replaced"): "replaced",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        texts = tables.control_texts
        self._version = insert(tables.imported_catalogues)
        self._paste = insert(texts)
        self._replace = (
            update(texts)
            .where(texts.c.tenant_id == bindparam("t"), texts.c.text_id == bindparam("id"))
            .values(text=bindparam("text"), version=bindparam("v"), written_by=bindparam("by"))
            .values(written_at=bindparam("at"))
        )

    def imported(self, writer: GroupedWriter, event: Any) -> None:
        content = event.content
        row = {
            "tenant_id": event.tenant_id,
            "catalogue_id": event.content["id"],
            "version": event.version,
            "edition": content["edition"],
            "title": content["title"],
            "file_format": event.file_format,
            "content_hash": event.content_hash,
            "content": json.dumps(content, ensure_ascii=False, separators=(",", ":")),
            "group_count": len(content["groups"]),
            "control_count": len(content["controls"]),
            "imported_by": event.actor_id,
            "imported_at": event.timestamp,
        }
        writer.write(self._version, row)

    def pasted(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "catalogue_id": event.catalogue_id,
            "control_id": event.control_id,
            "text_id": event.originator_id,
            "text": event.text,
            "version": event.originator_version,
            "written_by": event.actor_id,
            "written_at": event.timestamp,
        }
        writer.write(self._paste, row)

    def replaced(self, writer: GroupedWriter, event: Any) -> None:
        values = {"text": event.text, "v": event.originator_version, "by": event.actor_id, "at": event.timestamp}
        writer.write(self._replace, {"t": event.tenant_id, "id": event.originator_id, **values})
