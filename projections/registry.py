"""The projections the product runs, in one list."""

from __future__ import annotations

from projections.programme.projection import ProgrammeProjection
from projections.projection import Projection
from projections.schema import ReadTables
from projections.tenancy.projection import TenancyProjection

PROJECTION_CLASSES: tuple[type[Projection], ...] = (TenancyProjection, ProgrammeProjection)


def build_projections(tables: ReadTables) -> list[Projection]:
    return [cls(tables) for cls in PROJECTION_CLASSES]
