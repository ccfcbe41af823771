"""What the Statement of Applicability needs of the application: are these documents the organisation's own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID


class OrganisationDocuments(Protocol):
    """Each id is a document of this organisation (NotFound on `field` otherwise, as for a missing one)."""

    def check_documents(
        self, tenant_id: UUID, organisation_id: UUID, document_ids: Sequence[UUID], field: str
    ) -> None: ...
