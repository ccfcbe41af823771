"""Consultancies, accounts and the sign-in directory, from the tenancy events."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, update

from domain.tenancy.account import Account
from domain.tenancy.consultancy import Consultancy
from projections.projection import Projection


class TenancyProjection(Projection):
    name = "tenancy"
    handles = {
        (Consultancy, "Created"): "consultancy_created",
        (Consultancy, "LargeClustersSettingChanged"): "large_clusters_setting_changed",
        (Account, "Opened"): "account_opened",
    }

    def consultancy_created(self, conn: Connection, event: Any) -> None:
        conn.execute(
            insert(self.tables.consultancies).values(
                tenant_id=event.tenant_id,
                name=event.name,
                slug=event.slug,
                allows_clusters_above_standard_size=False,
            )
        )

    def large_clusters_setting_changed(self, conn: Connection, event: Any) -> None:
        consultancies = self.tables.consultancies
        conn.execute(
            update(consultancies)
            .where(consultancies.c.tenant_id == event.tenant_id)
            .values(allows_clusters_above_standard_size=event.allowed)
        )

    def account_opened(self, conn: Connection, event: Any) -> None:
        conn.execute(
            insert(self.tables.accounts).values(
                tenant_id=event.tenant_id,
                account_id=event.originator_id,
                email=event.email,
                display_name=event.display_name,
                roles=",".join(event.roles),
                password_hash=event.password_hash,
            )
        )
        conn.execute(
            insert(self.tables.sign_ins).values(
                email=event.email, tenant_id=event.tenant_id, account_id=event.originator_id
            )
        )
