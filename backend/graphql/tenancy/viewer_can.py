"""What the viewer may do in the consultancy, whatever cluster it looks at."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.clusters.actions import FORM_CLUSTER
from backend.graphql.core.context import Context
from backend.graphql.organisations.actions import CHANGE_ORGANISATION_DETAILS, REGISTER_ORGANISATION
from backend.graphql.tenancy.actions import CHANGE_SETTINGS
from backend.policy import may


@strawberry.type(description="What the viewer may do in the consultancy.")
class ViewerCan:
    register_organisation: bool
    change_organisation_details: bool
    form_cluster: bool
    change_settings: bool


def viewer_can(info: Info[Context, None]) -> ViewerCan:
    p = info.context.signed_in
    return ViewerCan(
        register_organisation=may(p, REGISTER_ORGANISATION),
        change_organisation_details=may(p, CHANGE_ORGANISATION_DETAILS),
        form_cluster=may(p, FORM_CLUSTER),
        change_settings=may(p, CHANGE_SETTINGS),
    )
