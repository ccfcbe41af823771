"""The catalogues' commands: an admin imports a catalogue (a dry run first shows what the file holds); an admin or
a coach writes the consultancy's own text of a control."""

from __future__ import annotations

import anyio.to_thread
import strawberry
from strawberry.types import Info

from backend.graphql.catalogues.actions import IMPORT_CATALOGUE, WRITE_CONTROL_TEXT
from backend.graphql.catalogues.inputs import ImportCatalogueInput, WriteControlTextInput
from backend.graphql.catalogues.lookup import find_catalogue
from backend.graphql.catalogues.types import (
    Catalogue,
    CatalogueImport,
    CatalogueImportResult,
    Control,
    ControlTextChange,
    ControlTextChangeResult,
    ImportedGroup,
)
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.policy import authorize
from domain.catalogues.commands import ImportCatalogue, WriteControlText
from domain.catalogues.imported import SAME_AS_CURRENT
from domain.catalogues.importing import ImportedFile, read_file
from domain.catalogues.loading import read_catalogue
from domain.shared.errors import DomainError, NotFound, ValidationFailed


@strawberry.type
class CataloguesMutation:
    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Checks a catalogue file (dry run: what it holds, nothing kept) or imports it as a new version.",
    )
    async def import_catalogue(self, info: Info[Context, None], input: ImportCatalogueInput) -> CatalogueImportResult:
        try:
            authorize(info.context.signed_in, IMPORT_CATALOGUE)
            file = await anyio.to_thread.run_sync(read_file, input.content, input.format, input.catalogue)
        except DomainError as error:
            return user_error(error)
        if input.dry_run:
            current = info.context.services.queries.catalogues.imported_catalogue(info.context.scope, file.catalogue.id)
            if current is not None and current.content_hash == file.content_hash:
                return user_error(ValidationFailed("content", SAME_AS_CURRENT))
            return _report(info, file, None)
        done = await change(
            info, IMPORT_CATALOGUE, ImportCatalogue, format=input.format, content=input.content,
            catalogue=input.catalogue,
        )  # fmt: skip
        if not isinstance(done, tuple):
            return done
        row = info.context.services.queries.catalogues.imported_catalogue(info.context.scope, file.catalogue.id)
        if row is None:
            return user_error(NotFound("The catalogue is saved but is not in your view.", "id"))
        return _report(info, file, Catalogue.of(read_catalogue(row.content), row.version))

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="The consultancy's own text of a control, shipped or imported; pasted or replaced.",
    )
    async def write_control_text(
        self, info: Info[Context, None], input: WriteControlTextInput
    ) -> ControlTextChangeResult:
        done = await change(
            info, WRITE_CONTROL_TEXT, WriteControlText, catalogue=str(input.catalogue),
            control=str(input.control), text=input.text,
        )  # fmt: skip
        if not isinstance(done, tuple):
            return done
        catalogue = _current(info, str(input.catalogue))
        control = catalogue.source.control(str(input.control)) if catalogue else None
        if catalogue is None or control is None:
            return user_error(NotFound("The text is saved but the control is not in your view.", "control"))
        return ControlTextChange(control=Control.of(catalogue.source, control))


def _report(info: Info[Context, None], file: ImportedFile, imported: Catalogue | None) -> CatalogueImport:
    catalogue = file.catalogue
    if imported is not None:
        version = imported.imported_version or 1
    else:
        queries = info.context.services.queries.catalogues
        current = queries.imported_catalogue(info.context.scope, catalogue.id)
        version = 1 if current is None else current.version + 1
    groups = [ImportedGroup(id=g.id, title=g.title, control_count=catalogue.count_in(g.id)) for g in catalogue.groups]
    return CatalogueImport(
        dry_run=imported is None,
        catalogue_id=catalogue.id,
        edition=catalogue.edition,
        version=version,
        group_count=len(catalogue.groups),
        control_count=len(catalogue.controls),
        groups=groups,
        catalogue=imported,
    )


def _current(info: Info[Context, None], catalogue_id: str) -> Catalogue | None:
    try:
        return find_catalogue(info, catalogue_id, "catalogue", None)
    except DomainError:
        return None
