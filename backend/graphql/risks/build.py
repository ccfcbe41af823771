"""The GraphQL shapes built from read rows, with what the viewer may do and what is late today."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.risks.actions import PLAN_TREATMENT, SET_OBJECTIVES
from backend.graphql.risks.types import (
    LinkedRisk,
    PlanItemViewerCan,
    Risk,
    RiskHeatCell,
    RiskHeatMap,
    RiskMethod,
    SecurityObjective,
    TreatmentAction,
)
from backend.policy import may
from domain.risks.method import RiskMethod as Method
from domain.risks.rules import OBJECTIVE_FINISHED, is_overdue
from projections.risks.rows import ActionRow, HeatCellRow, HeatMapRows, ObjectiveRow, RiskRow


def today(info: Info[Context, None]) -> date:
    return info.context.services.app.today()


def risks(info: Info[Context, None], rows: list[RiskRow]) -> list[Risk]:
    """The risks, each with the method version its treatment used (read once per version)."""
    methods = _methods(info, (row.treatment_method_version for row in rows))
    day = today(info)
    return [Risk.from_row(row, day, methods.get(row.treatment_method_version or 0)) for row in rows]


def _methods(info: Info[Context, None], versions: Iterable[int | None]) -> dict[int, Method]:
    queries, scope = info.context.services.queries.risks, info.context.scope
    found: dict[int, Method] = {}
    for version in {v for v in versions if v is not None}:
        method = queries.method(scope, version)
        if method is not None:
            found[version] = method
    return found


def heat_map(method: Method, rows: HeatMapRows) -> RiskHeatMap:
    return RiskHeatMap(
        method=RiskMethod.from_method(method),
        inherent=_cells(method, rows.inherent),
        residual=_cells(method, rows.residual),
    )


def _cells(method: Method, rows: list[HeatCellRow]) -> list[RiskHeatCell]:
    """Every cell of the current matrix, most likely and most harmful first; counts of risks assessed on another
    version fall in the cell of the same coordinates, when it exists."""
    counts = {(row.likelihood, row.impact): row.count for row in rows}
    return [
        RiskHeatCell(
            likelihood=likelihood,
            impact=impact,
            level=method.level(likelihood, impact),
            level_label=method.label(method.level(likelihood, impact)),
            count=counts.get((likelihood, impact), 0),
        )
        for likelihood in range(len(method.likelihood), 0, -1)
        for impact in range(1, len(method.impact) + 1)
    ]


def action(info: Info[Context, None], row: ActionRow, titles: dict[UUID, str]) -> TreatmentAction:
    can = may(info.context.signed_in, PLAN_TREATMENT, row.organisation_id)
    return TreatmentAction(
        id=strawberry.ID(str(row.action_id)),
        organisation_id=strawberry.ID(str(row.organisation_id)),
        title=row.title,
        owner=row.owner,
        due_on=row.due_on,
        status=row.status,
        status_reason=row.status_reason,
        overdue=is_overdue(row.due_on, row.status, today(info)),
        risks=[LinkedRisk(id=strawberry.ID(str(r)), title=titles[r]) for r in row.risk_ids if r in titles],
        controls=list(row.controls),
        viewer_can=PlanItemViewerCan(change_status=can),
    )


def actions(info: Info[Context, None], rows: list[ActionRow]) -> list[TreatmentAction]:
    linked = sorted({risk_id for row in rows for risk_id in row.risk_ids})
    titles = info.context.services.queries.risks.titles(info.context.scope, linked)
    return [action(info, row, titles) for row in rows]


def objective(info: Info[Context, None], row: ObjectiveRow) -> SecurityObjective:
    can = may(info.context.signed_in, SET_OBJECTIVES, row.organisation_id)
    return SecurityObjective(
        id=strawberry.ID(str(row.objective_id)),
        organisation_id=strawberry.ID(str(row.organisation_id)),
        title=row.title,
        measure=row.measure,
        owner=row.owner,
        due_on=row.due_on,
        status=row.status,
        status_reason=row.status_reason,
        overdue=is_overdue(row.due_on, row.status, today(info), OBJECTIVE_FINISHED),
        viewer_can=PlanItemViewerCan(change_status=can),
    )
