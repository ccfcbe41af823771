"""The catalogues' command handlers: an import is checked whole before its event is written."""

from __future__ import annotations

from uuid import UUID

from domain.catalogues.catalogue import Catalogue
from domain.catalogues.commands import ImportCatalogue, WriteControlText
from domain.catalogues.imported import ControlText, ImportedCatalogue, control_text_id, imported_catalogue_id
from domain.catalogues.importing import ID_MAX_LENGTH, read_file
from domain.catalogues.library import shipped
from domain.shared.errors import NotFound
from domain.shared.ports import Handler, Store
from domain.shared.service import Saved
from domain.shared.text import single_line


def import_catalogue(app: Store, cmd: ImportCatalogue) -> Saved:
    file = read_file(cmd.content, cmd.format, cmd.catalogue)
    found = imported_catalogue_id(cmd.tenant_id, file.catalogue.id)
    if not app.exists(ImportedCatalogue, cmd.tenant_id, found):
        imported = ImportedCatalogue.first_import(cmd.tenant_id, cmd.actor_id, file)
        return app.save_new(imported, "content", "This catalogue was imported at the same moment. Import it again.")
    catalogue = app.get(ImportedCatalogue, cmd.tenant_id, found)
    catalogue.import_again(cmd.actor_id, file)
    return app.save_changes(catalogue)


def write_control_text(app: Store, cmd: WriteControlText) -> Saved:
    catalogue = catalogue_of(app, cmd.tenant_id, cmd.catalogue)
    if catalogue.control(cmd.control) is None:
        raise NotFound("No control with this id in the catalogue.", "control")
    found = control_text_id(cmd.tenant_id, catalogue.id, cmd.control)
    if not app.exists(ControlText, cmd.tenant_id, found):
        text = ControlText.paste(cmd.tenant_id, cmd.actor_id, catalogue.id, cmd.control, cmd.text)
        return app.save_new(text, "text", "Someone pasted this control's text at the same moment. Reload it.")
    written = app.get(ControlText, cmd.tenant_id, found)
    written.replace(cmd.actor_id, cmd.text)
    return app.save_changes(written)


def catalogue_of(app: Store, tenant_id: UUID, catalogue_id: str) -> Catalogue:
    """A shipped catalogue, or the current version of one the consultancy imported; NotFound otherwise."""
    found = shipped().catalogue(catalogue_id)
    if found is not None:
        return found
    single_line("catalogue", catalogue_id, ID_MAX_LENGTH)
    imported = imported_catalogue_id(tenant_id, catalogue_id)
    if not app.exists(ImportedCatalogue, tenant_id, imported):
        raise NotFound("No catalogue with this id.", "catalogue")
    return app.get(ImportedCatalogue, tenant_id, imported).current


HANDLERS: dict[type, Handler] = {ImportCatalogue: import_catalogue, WriteControlText: write_control_text}
