"""A consultancy's imported catalogues and private control texts: its own people read them, no other consultancy
(the one filter keeps every row to its tenant)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Table, and_, func, or_, select

from projections.catalogues.rows import ControlTextRow, ImportedVersionRow
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope


class CatalogueQueries(FeatureQueries):
    def imported_ids(self, scope: Scope) -> list[str]:
        """The ids of the catalogues the consultancy imported, in order: what a statement may be started on."""
        versions = self.t.imported_catalogues
        query = (
            select(versions.c.catalogue_id)
            .where(self.visible.rows(scope, versions))
            .group_by(versions.c.catalogue_id)
            .order_by(versions.c.catalogue_id)
        )
        return [row["catalogue_id"] for row in self._all(query)]

    def imported_page(
        self, scope: Scope, first: int, after: tuple[str, str] | None, search: str | None
    ) -> tuple[list[ImportedVersionRow], int]:
        """Up to `first` current versions of the consultancy's imported catalogues, by edition then id, after the
        (edition, id) given; and how many match the search (in the id, edition or title, whatever the case)."""
        versions = self.t.imported_catalogues
        latest = (
            select(versions.c.catalogue_id, func.max(versions.c.version).label("latest"))
            .where(self.visible.rows(scope, versions))
            .group_by(versions.c.catalogue_id)
            .subquery()
        )
        current = and_(latest.c.catalogue_id == versions.c.catalogue_id, latest.c.latest == versions.c.version)
        matching: list[Any] = [self.visible.rows(scope, versions)]
        if search:
            escaped = search.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{escaped}%"
            found = (
                func.lower(column).like(pattern, escape="\\")
                for column in (versions.c.catalogue_id, versions.c.edition, versions.c.title)
            )
            matching.append(or_(*found))
        total = self._one(select(func.count()).select_from(versions).join(latest, current).where(*matching))
        query = self._versions(versions).join(latest, current).where(*matching)
        if after is not None:
            edition, catalogue_id = after
            later = or_(
                versions.c.edition > edition,
                and_(versions.c.edition == edition, versions.c.catalogue_id > catalogue_id),
            )
            query = query.where(later)
        query = query.order_by(versions.c.edition, versions.c.catalogue_id).limit(first)
        return [_version(row) for row in self._all(query)], int(next(iter(total.values()))) if total else 0

    def imported_catalogue(
        self, scope: Scope, catalogue_id: str, version: int | None = None
    ) -> ImportedVersionRow | None:
        """A version of an imported catalogue (the current one unless asked), or None when the consultancy has none."""
        versions = self.t.imported_catalogues
        query = (
            self._versions(versions)
            .where(self.visible.rows(scope, versions), versions.c.catalogue_id == catalogue_id)
            .order_by(versions.c.version.desc())
            .limit(1)
        )
        if version is not None:
            query = query.where(versions.c.version == version)
        found = self._one(query)
        return None if found is None else _version(found)

    def versions(self, scope: Scope, catalogue_id: str) -> list[ImportedVersionRow]:
        """Every version imported, newest first."""
        versions = self.t.imported_catalogues
        query = (
            self._versions(versions)
            .where(self.visible.rows(scope, versions), versions.c.catalogue_id == catalogue_id)
            .order_by(versions.c.version.desc())
        )
        return [_version(row) for row in self._all(query)]

    def control_text(self, scope: Scope, catalogue_id: str, control_id: str) -> ControlTextRow | None:
        texts, accounts = self.t.control_texts, self.t.accounts
        query = (
            select(texts, accounts.c.display_name)
            .outerjoin(
                accounts, and_(accounts.c.tenant_id == texts.c.tenant_id, accounts.c.account_id == texts.c.written_by)
            )
            .where(self.visible.rows(scope, texts), texts.c.catalogue_id == catalogue_id)
            .where(texts.c.control_id == control_id, texts.c.text != "")
        )
        row = self._one(query)
        if row is None:
            return None
        return ControlTextRow(
            row["catalogue_id"], row["control_id"], row["text"], row["version"], row["display_name"], row["written_at"]
        )

    def _versions(self, versions: Table) -> Any:
        accounts = self.t.accounts
        return select(versions, accounts.c.display_name).outerjoin(
            accounts,
            and_(accounts.c.tenant_id == versions.c.tenant_id, accounts.c.account_id == versions.c.imported_by),
        )


def _version(row: dict[str, Any]) -> ImportedVersionRow:
    return ImportedVersionRow(
        catalogue_id=row["catalogue_id"],
        version=row["version"],
        edition=row["edition"],
        title=row["title"],
        file_format=row["file_format"],
        content_hash=row["content_hash"],
        group_count=row["group_count"],
        control_count=row["control_count"],
        imported_by=row["display_name"],
        imported_at=row["imported_at"],
        content=json.loads(row["content"]),
    )
