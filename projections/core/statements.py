"""Prepared statements on one row, keyed by bind parameters: what projections build once and write many times.

The keys are named alike everywhere: `t` the tenant, `c` the cluster, `o` the organisation, `k` the session key.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, Table, Update, bindparam, select, update

KEYS = {"t": "tenant_id", "c": "cluster_id", "o": "organisation_id", "k": "session_key", "a": "account_id"}


def keyed(table: Table, keys: str) -> tuple[ColumnElement[bool], ...]:
    """`table.<column> = :key` for each key letter, e.g. `keyed(sessions, "tck")`."""
    return tuple(table.c[KEYS[key]] == bindparam(key) for key in keys)


def keyed_update(table: Table, keys: str, **values: Any) -> Update:
    """An update of the rows the keys select, setting `values` (bind parameters or expressions)."""
    return update(table).where(*keyed(table, keys)).values(**values)


def keyed_select(table: Table, keys: str, *columns: str) -> Select[Any]:
    return select(*(table.c[column] for column in columns)).where(*keyed(table, keys))
