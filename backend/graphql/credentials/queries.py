"""`labelCredentials`: a professional's own credentials, from every labelling body that granted them a label; nobody
else's, and nobody else reads them (a body's staff publish theirs at the public addresses)."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.credentials.published import row_standing
from backend.graphql.core.context import Context
from backend.graphql.core.errors import ErrorCode, ForbiddenError
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.credentials.actions import READ_OWN
from backend.graphql.credentials.types import (
    LabelCredential,
    LabelCredentialList,
    LabelCredentialsResult,
    LabelCredentialStatus,
)
from backend.policy import own_professional


@strawberry.type
class CredentialsQuery:
    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="The signed-in professional's label credentials, the latest granted first: the body, the status, "
        "the dates, where to download each and where anyone verifies it.",
    )
    def label_credentials(self, info: Info[Context, None]) -> LabelCredentialsResult:
        professional = own_professional(info.context.signed_in, READ_OWN)
        if professional is None:
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message="You may not read label credentials.", field=None)
        found = info.context.services.queries.credentials.professional_credentials(professional)
        today = info.context.services.app.today()
        return LabelCredentialList(
            credentials=[
                LabelCredential(
                    credential_id=strawberry.ID(str(row.credential_id)),
                    labelling_body=body_name,
                    status=LabelCredentialStatus(row_standing(row, today)),
                    awarded_on=row.awarded_on,
                    valid_from=row.valid_from,
                    expires_on=row.valid_until,
                    download_url=f"/professional/credentials/{row.credential_id}",
                    verification_url=f"/labels/{slug}/credentials/{row.credential_id}",
                )
                for row, slug, body_name in found
            ]
        )
