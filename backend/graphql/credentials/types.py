"""A professional's credential as the API answers it: the body, the status, the dates, and its two addresses."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated

import strawberry

from backend.graphql.core.errors import ForbiddenError


@strawberry.enum(
    description="What a verifier finds today, by the public verdict's rule: revoked or suspended by its status entry, "
    "else expired from `expiresOn`, not yet valid before `validFrom`, else valid."
)
class LabelCredentialStatus(Enum):
    VALID = "valid"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


@strawberry.type(description="One of the professional's label credentials.")
class LabelCredential:
    credential_id: strawberry.ID
    labelling_body: str
    status: LabelCredentialStatus
    awarded_on: date
    valid_from: date
    expires_on: date = strawberry.field(description="The first day the label is no longer valid.")
    download_url: str = strawberry.field(description="The signed credential (a VC-JWT), for its professional alone.")
    verification_url: str = strawberry.field(description="The public verification page: the credential's own id.")


@strawberry.type
class LabelCredentialList:
    credentials: list[LabelCredential]


LabelCredentialsResult = Annotated[LabelCredentialList | ForbiddenError, strawberry.union("LabelCredentialsResult")]
