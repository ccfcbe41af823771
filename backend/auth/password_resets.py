"""The table of password reset links in flight: only each link's hash, its account and when it stops working."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, MetaData, String, Table, Uuid

_metadata = MetaData()
password_resets = Table(
    "password_resets",
    _metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("tenant_id", Uuid, nullable=False),
    Column("account_id", Uuid, nullable=False, index=True),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
