"""The risks each control treats, as the review of Annex A and the control's page show them: read from the risk
register, the one place treatments choose controls."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from strawberry.types import Info

from backend.graphql.core.context import Context
from domain.soa.review import TreatingRisk

__all__ = ["NOT_ASSESSED", "TreatingRisk", "treating_risks"]

NOT_ASSESSED = "not assessed"
"""The level shown for a treated risk not yet assessed."""


def treating_risks(info: Info[Context, None], organisation_id: UUID) -> Mapping[str, Sequence[TreatingRisk]]:
    """The organisation's open risks whose current treatment chose each control, keyed `"<catalogue_id>:<control_id>"`
    (`domain.soa.review.control_key`), as far as the viewer's scope shows them."""
    found = info.context.services.queries.risks.treating_by_control(info.context.scope, organisation_id)
    return {
        key: [TreatingRisk(str(r.risk_id), r.title, r.level or NOT_ASSESSED, r.residual_level, r.status) for r in risks]
        for key, risks in found.items()
    }
