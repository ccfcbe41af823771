"""Rows written apart (the audit trail's) never cut another projection's run of one statement in pieces, and are
written before anything is read and at the end of the batch."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Integer, MetaData, Table, create_engine, event, insert, select

from projections.core.writer import GroupedWriter


def test_rows_written_apart_keep_the_runs_of_the_others_whole() -> None:
    engine = create_engine("sqlite://")
    metadata = MetaData()
    runs, trail = (Table(name, metadata, Column("n", Integer)) for name in ("runs", "trail"))
    metadata.create_all(engine)
    into_runs, into_trail = insert(runs), insert(trail)
    executions: list[tuple[str, int]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def count(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        executions.append((statement.split()[2], len(parameters) if executemany else 1))

    with engine.begin() as conn:
        writer = GroupedWriter(conn)
        for n in range(3):
            writer.write(into_runs, {"n": n})
            writer.write_apart(into_trail, {"n": n})
        assert executions == []
        assert writer.read(select(trail.c.n)).scalars().all() == [0, 1, 2]
        assert executions[:2] == [("runs", 3), ("trail", 3)]
        writer.write_apart(into_trail, {"n": 3})
        writer.flush()
        assert conn.execute(select(trail.c.n)).scalars().all() == [0, 1, 2, 3]
