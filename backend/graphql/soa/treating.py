"""The risks each control treats, as the review of Annex A and the control's page show them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from strawberry.types import Info

from backend.graphql.core.context import Context
from domain.soa.review import TreatingRisk

__all__ = ["TreatingRisk", "treating_risks"]


def treating_risks(info: Info[Context, None], organisation_id: UUID) -> Mapping[str, Sequence[TreatingRisk]]:
    """The risks of the organisation's risk register whose treatment chose each control, keyed
    `"<catalogue_id>:<control_id>"` (`domain.soa.review.control_key`).

    Wired to the risk register's `treating_by_control(scope, organisation_id)` query; until that register is in
    place, no risk treats any control and the mapping is empty.
    """
    return {}
