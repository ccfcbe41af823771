"""A catalogue a consultancy imported, with every version it imported, and a consultancy's own text of a control.

Both are the consultancy's alone: their ids are derived in its namespace and loading checks its tenant. An imported
version is never changed: importing the same catalogue id again adds a version, and the earlier ones stay readable.
The private text is for a consultancy that holds a licence of the standard: it pastes the standard's text of a
control for its own people to read beside our short title.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.catalogues.catalogue import Catalogue
from domain.catalogues.importing import ImportedFile
from domain.catalogues.loading import read_catalogue
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import ValidationFailed
from domain.shared.text import multi_line

SAME_AS_CURRENT = "This file is the catalogue's current version: nothing new to import."
PRIVATE_TEXT_MAX_LENGTH = 20_000
"""A control's full text and its guidance fit; within the API's request limit."""


def imported_catalogue_id(tenant_id: UUID, catalogue_id: str) -> UUID:
    return tenant_scoped_id(tenant_id, "imported-catalogue", catalogue_id)


def control_text_id(tenant_id: UUID, catalogue_id: str, control_id: str) -> UUID:
    return tenant_scoped_id(tenant_id, "control-text", f"{catalogue_id}\n{control_id}")


class ImportedCatalogue(TenantAggregate):
    """One catalogue id of one consultancy; each import is a version, numbered from 1."""

    @classmethod
    def first_import(cls, tenant_id: UUID, actor_id: UUID, file: ImportedFile) -> ImportedCatalogue:
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            catalogue_id=file.catalogue.id,
            version=1,
            file_format=file.file_format,
            content_hash=file.content_hash,
            content=file.content,
        )

    @staticmethod
    def create_id(tenant_id: UUID, catalogue_id: str, **_: object) -> UUID:
        return imported_catalogue_id(tenant_id, catalogue_id)

    @event("Imported")
    def __init__(
        self, tenant_id: UUID, actor_id: UUID, catalogue_id: str, version: int, file_format: str, content_hash: str,
        content: dict[str, Any],
    ) -> None:  # fmt: skip
        self.tenant_id = tenant_id
        self.catalogue_id = catalogue_id
        self.hashes = [content_hash]
        self.content = content

    def import_again(self, actor_id: UUID, file: ImportedFile) -> None:
        """A new version; the same content as the current version is refused (nothing new to keep)."""
        if file.content_hash == self.hashes[-1]:
            raise ValidationFailed("content", SAME_AS_CURRENT)
        self._version_imported(actor_id, len(self.hashes) + 1, file.file_format, file.content_hash, file.content)

    @event("VersionImported")
    def _version_imported(
        self, actor_id: UUID, version: int, file_format: str, content_hash: str, content: dict[str, Any]
    ) -> None:
        self.hashes.append(content_hash)
        self.content = content

    @property
    def current(self) -> Catalogue:
        return read_catalogue(self.content)

    @property
    def latest_version(self) -> int:
        return len(self.hashes)


class ControlText(TenantAggregate):
    """The consultancy's own text of one control of one catalogue (shipped or imported)."""

    @classmethod
    def paste(cls, tenant_id: UUID, actor_id: UUID, catalogue_id: str, control_id: str, text: str) -> ControlText:
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            catalogue_id=catalogue_id,
            control_id=control_id,
            text=private_text(text),
        )

    @staticmethod
    def create_id(tenant_id: UUID, catalogue_id: str, control_id: str, **_: object) -> UUID:
        return control_text_id(tenant_id, catalogue_id, control_id)

    @event("Pasted")
    def __init__(self, tenant_id: UUID, actor_id: UUID, catalogue_id: str, control_id: str, text: str) -> None:
        self.tenant_id = tenant_id
        self.text = text

    def replace(self, actor_id: UUID, text: str) -> None:
        """A new text; the earlier ones stay in its history."""
        cleaned = private_text(text)
        if cleaned == self.text:
            raise ValidationFailed("text", "This is the control's text already.")
        self._replaced(actor_id, cleaned)

    @event("Replaced")
    def _replaced(self, actor_id: UUID, text: str) -> None:
        self.text = text


def private_text(text: str) -> str:
    return multi_line("text", text, PRIVATE_TEXT_MAX_LENGTH)
