"""What the Statement of Applicability needs of the application: are these documents the organisation's own, and
which catalogue (and which version of it) a statement is started on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol
from uuid import UUID

from domain.catalogues.catalogue import Catalogue


class OrganisationDocuments(Protocol):
    """Each id is a document of this organisation (NotFound on `field` otherwise, as for a missing one)."""

    def check_documents(
        self, tenant_id: UUID, organisation_id: UUID, document_ids: Sequence[UUID], field: str
    ) -> None: ...


class CataloguesInView(Protocol):
    """A catalogue the consultancy sees: a shipped one, with its own version, or one it imported, as its current
    import, with that import's number as its version. Another consultancy's is answered as a missing one (NotFound
    on `field`)."""

    def catalogue_in_view(self, tenant_id: UUID, catalogue_id: str, field: str) -> tuple[Catalogue, str]: ...
