"""Seconds since 1970 of a stored time, in the SQL of each database the read models run on: SQLite keeps times as
text (read by `julianday`, to the millisecond), PostgreSQL as timestamps. Lets the database add up durations."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

UNIX_EPOCH_JULIAN_DAY = 2440587.5
SECONDS_A_DAY = 86400.0


class epoch_seconds(FunctionElement[float]):
    type = Float()
    inherit_cache = True
    name = "epoch_seconds"


@compiles(epoch_seconds, "sqlite")
def _sqlite(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    return f"((julianday({compiler.process(element.clauses, **kw)}) - {UNIX_EPOCH_JULIAN_DAY}) * {SECONDS_A_DAY})"


@compiles(epoch_seconds, "postgresql")
def _postgresql(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    return f"EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)})"
