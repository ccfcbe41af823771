"""The inputs of the comparison's mutations."""

from __future__ import annotations

import strawberry


@strawberry.input(description="A member organisation of a cluster; its ISMS manager acts for it.")
class ComparisonConsentInput:
    cluster_id: strawberry.ID
    organisation_id: strawberry.ID


@strawberry.input(description="How many organisations must contribute before a cluster's comparison is shown.")
class ComparisonThresholdInput:
    k: int = strawberry.field(description="From 3 to 20.")
