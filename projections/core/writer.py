"""Groups consecutive executions of one prepared write into a single executemany, keeping their order.

A replay is dominated by runs of the same event (half-days logged one after another); sending each run as
one executemany is what lets a rebuild keep pace with the event store. Any other statement, and the end of
the batch, flushes first, so handlers always read what they wrote.

A projection that writes on every event (the audit trail) would cut every other projection's runs in pieces: its
rows are written apart (`write_apart`), grouped by statement in the order first seen, and sent at the end of the
batch or before any read. Only for tables no other projection reads or writes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, CursorResult, Executable
from sqlalchemy.sql.dml import UpdateBase


class GroupedWriter:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._statement: UpdateBase | None = None
        self._rows: list[dict[str, Any]] = []
        self._apart: dict[UpdateBase, list[dict[str, Any]]] = {}

    def write(self, statement: UpdateBase, row: dict[str, Any]) -> None:
        """Queues one row for a prepared insert or update (built once, with bind parameters)."""
        if statement is not self._statement:
            self._flush_run()
            self._statement = statement
        self._rows.append(row)

    def write_apart(self, statement: UpdateBase, row: dict[str, Any]) -> None:
        """Queues one row of a table only its own projection touches, to be sent with the others of its statement."""
        self._apart.setdefault(statement, []).append(row)

    def read(self, statement: Executable, parameters: dict[str, Any] | None = None) -> CursorResult[Any]:
        self.flush()
        return self.conn.execute(statement, parameters)

    def flush(self) -> None:
        self._flush_run()
        apart, self._apart = self._apart, {}
        for statement, rows in apart.items():
            self.conn.execute(statement, rows)

    def _flush_run(self) -> None:
        if self._statement is not None and self._rows:
            self.conn.execute(self._statement, self._rows)
        self._statement, self._rows = None, []
