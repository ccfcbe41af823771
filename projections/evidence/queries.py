"""The bundles exported for an organisation's auditors, as far as the scope shows them: its own member accounts,
the coach of a cluster it belongs to and the consultancy's admins (the one visibility filter, by `organisation_id`)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import and_, select

from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.evidence.rows import AuditBundleRow


class EvidenceQueries(FeatureQueries):
    def audit_bundles(
        self, scope: Scope, organisation_id: UUID, first: int, after: int | None = None
    ) -> list[AuditBundleRow]:
        """Newest first (by number, which grows with each export); `after` is the number of the last one seen."""
        b = self.t.audit_bundles
        query = self._listed().where(self.visible.rows(scope, b), b.c.organisation_id == organisation_id)
        if after is not None:
            query = query.where(b.c.number < after)
        return [_bundle(r) for r in self._all(query.order_by(b.c.number.desc()).limit(first))]

    def audit_bundle(self, scope: Scope, organisation_id: UUID, number: int) -> AuditBundleRow | None:
        b = self.t.audit_bundles
        query = self._listed().where(
            self.visible.rows(scope, b), b.c.organisation_id == organisation_id, b.c.number == number
        )
        row = self._one(query)
        return None if row is None else _bundle(row)

    def _listed(self) -> Any:
        b, accounts = self.t.audit_bundles, self.t.accounts
        return select(b, accounts.c.display_name.label("exported_by_name")).outerjoin(
            accounts, and_(accounts.c.tenant_id == b.c.tenant_id, accounts.c.account_id == b.c.exported_by)
        )


def _bundle(row: dict[str, Any]) -> AuditBundleRow:
    return AuditBundleRow(
        row["organisation_id"], row["number"], row["window_from"], row["window_to"], row["exported_by"],
        row["exported_by_name"], row["exported_at"],
    )  # fmt: skip
