"""GraphQL shapes of a catalogue, its groups, clauses and controls, and a correspondence between two catalogues."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.catalogues.actions import IMPORT_CATALOGUE, WRITE_CONTROL_TEXT
from backend.graphql.catalogues.cursors import control_after, control_cursor
from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, ValidationError
from backend.graphql.core.pagination import PageInfo, check_page_size
from backend.policy import may
from domain.catalogues import catalogue as model
from domain.catalogues.listing import controls_page
from domain.shared.errors import DomainError
from projections.catalogues.rows import ControlTextRow, ImportedVersionRow


@strawberry.type(description="A control objective (2005 edition): what the controls under it are for.")
class ControlObjective:
    id: strawberry.ID
    objective: str


@strawberry.type(description="A theme (2022) or a domain (2005) of Annex A.")
class ControlGroup:
    id: strawberry.ID
    title: str
    control_count: int
    objectives: list[ControlObjective]

    @classmethod
    def of(cls, catalogue: model.Catalogue, group: model.Group) -> ControlGroup:
        objectives = [ControlObjective(id=strawberry.ID(o.id), objective=o.objective) for o in group.objectives]
        count = catalogue.count_in(group.id)
        return cls(id=strawberry.ID(group.id), title=group.title, control_count=count, objectives=objectives)


@strawberry.type(description="A numbered requirement of the management system (clauses 4 to 10).")
class Clause:
    id: strawberry.ID
    title: str
    parent: strawberry.ID | None


@strawberry.type(description="An Annex A control. Its title is our own short wording, not the standard's text.")
class Control:
    id: strawberry.ID
    title: str
    group: strawberry.ID = strawberry.field(description="The id of its theme (2022) or domain (2005).")
    objective: ControlObjective | None
    new_in_edition: bool = strawberry.field(description="The edition introduced it.")
    catalogue_id: strawberry.Private[str]

    @strawberry.field(description="The consultancy's own text of the control, read by its people only.")
    def private_text(self, info: Info[Context, None]) -> ControlText | None:
        queries = info.context.services.queries.catalogues
        row = queries.control_text(info.context.scope, self.catalogue_id, str(self.id))
        return None if row is None else ControlText.from_row(row)

    @strawberry.field(description="What the viewer may do to the control now.")
    def viewer_can(self, info: Info[Context, None]) -> ControlViewerCan:
        return ControlViewerCan(write_text=may(info.context.signed_in, WRITE_CONTROL_TEXT))

    @classmethod
    def of(cls, catalogue: model.Catalogue, control: model.Control) -> Control:
        found = catalogue.objective(control.objective)
        objective = ControlObjective(id=strawberry.ID(found.id), objective=found.objective) if found else None
        return cls(
            id=strawberry.ID(control.id),
            title=control.title,
            group=strawberry.ID(control.group),
            objective=objective,
            new_in_edition=control.new_in_edition,
            catalogue_id=catalogue.id,
        )


@strawberry.type(description="What the viewer may do to a control.")
class ControlViewerCan:
    write_text: bool = strawberry.field(description="Paste, replace or take away the consultancy's own text.")


@strawberry.type(description="A consultancy's own text of a control, as its licence of the standard allows it.")
class ControlText:
    text: str
    version: int = strawberry.field(description="1 when first pasted; each replacement adds 1.")
    written_by: str | None
    written_at: datetime

    @classmethod
    def from_row(cls, row: ControlTextRow) -> ControlText:
        return cls(text=row.text, version=row.version, written_by=row.written_by, written_at=row.written_at)


@strawberry.type(description="A version of a catalogue the consultancy imported; earlier versions stay readable.")
class CatalogueVersion:
    version: int
    file_format: str = strawberry.field(description="`cordee` (our format) or `oscal`.")
    content_hash: str = strawberry.field(description="SHA-256 of the content kept, as canonical JSON.")
    group_count: int
    control_count: int
    imported_by: str | None
    imported_at: datetime

    @classmethod
    def from_row(cls, row: ImportedVersionRow) -> CatalogueVersion:
        return cls(
            version=row.version,
            file_format=row.file_format,
            content_hash=row.content_hash,
            group_count=row.group_count,
            control_count=row.control_count,
            imported_by=row.imported_by,
            imported_at=row.imported_at,
        )


@strawberry.type
class ControlEdge:
    cursor: str
    node: Control


@strawberry.type
class ControlConnection:
    edges: list[ControlEdge]
    page_info: PageInfo


@strawberry.type(
    description="An edition of the controls: shipped (the same for every consultancy) or imported by the viewer's."
)
class Catalogue:
    id: strawberry.ID
    edition: str
    title: str
    version: str
    grouping: str = strawberry.field(description="What its groups are: `theme` (2022) or `domain` (2005).")
    note: str
    control_count: int
    groups: list[ControlGroup]
    clauses: list[Clause]
    imported_version: int | None = strawberry.field(
        description="The version of the consultancy's import shown; null for a shipped catalogue."
    )
    source: strawberry.Private[model.Catalogue]

    @strawberry.field(description="Every version the consultancy imported, newest first; empty for a shipped one.")
    def versions(self, info: Info[Context, None]) -> list[CatalogueVersion]:
        if self.imported_version is None:
            return []
        rows = info.context.services.queries.catalogues.versions(info.context.scope, str(self.id))
        return [CatalogueVersion.from_row(row) for row in rows]

    @strawberry.field(description="One control, by its id.")
    def control(self, id: strawberry.ID) -> Control | None:
        found = self.source.control(str(id))
        return None if found is None else Control.of(self.source, found)

    @classmethod
    def of(cls, catalogue: model.Catalogue, imported_version: int | None = None) -> Catalogue:
        return cls(
            id=strawberry.ID(catalogue.id),
            edition=catalogue.edition,
            title=catalogue.title,
            version=catalogue.version,
            grouping=catalogue.grouping,
            note=catalogue.note,
            control_count=len(catalogue.controls),
            groups=[ControlGroup.of(catalogue, group) for group in catalogue.groups],
            clauses=[Clause(id=strawberry.ID(c.id), title=c.title, parent=_id(c.parent)) for c in catalogue.clauses],
            imported_version=imported_version,
            source=catalogue,
        )

    @strawberry.field(description="Its controls in natural order of their ids (5.2 before 5.10), a page at a time.")
    def controls(
        self,
        first: int = 50,
        after: str | None = None,
        group: str | None = strawberry.UNSET,
        search: str | None = strawberry.UNSET,
    ) -> ControlConnection:
        try:
            size, start = check_page_size(first), control_after(self.source, after)
            found = controls_page(self.source, size + 1, start, group or None, search or None)
        except DomainError as error:
            raise GraphQLError(error.message, extensions={"code": error.code, "field": error.field}) from None
        edges = [ControlEdge(cursor=control_cursor(c.id), node=Control.of(self.source, c)) for c in found]
        page = edges[:size]
        return ControlConnection(
            edges=page,
            page_info=PageInfo(has_next_page=len(edges) > size, end_cursor=page[-1].cursor if page else None),
        )


@strawberry.type(description="Where one control's intent lives in the other catalogue, by our own reading.")
class CorrespondenceLine:
    control: Control
    corresponds_to: list[Control] = strawberry.field(description="Empty when the other edition has no counterpart.")
    note: str | None


@strawberry.type(description="Our own table from the controls of one catalogue to those of another.")
class Correspondence:
    from_catalogue: Catalogue
    to_catalogue: Catalogue
    version: str
    note: str
    lines: list[CorrespondenceLine]
    new_in_target: list[Control] = strawberry.field(description="Controls the target edition introduced.")

    @classmethod
    def of(cls, table: model.Correspondence, source: model.Catalogue, target: model.Catalogue) -> Correspondence:
        lines = [_line(table, source, target, control) for control in source.controls]
        new = [Control.of(target, control) for control in target.controls if control.new_in_edition]
        return cls(
            from_catalogue=Catalogue.of(source),
            to_catalogue=Catalogue.of(target),
            version=table.version,
            note=table.note,
            lines=lines,
            new_in_target=new,
        )


def _line(
    table: model.Correspondence, source: model.Catalogue, target: model.Catalogue, control: model.Control
) -> CorrespondenceLine:
    found = (target.control(identifier) for identifier in table.targets(control.id))
    targets = [Control.of(target, control) for control in found if control is not None]
    return CorrespondenceLine(
        control=Control.of(source, control), corresponds_to=targets, note=table.notes.get(control.id)
    )


def _id(value: str | None) -> strawberry.ID | None:
    return strawberry.ID(value) if value is not None else None


@strawberry.type(description="What the viewer may do with the consultancy's catalogues.")
class CataloguesViewerCan:
    import_catalogue: bool
    write_control_text: bool


def catalogues_viewer_can(info: Info[Context, None]) -> CataloguesViewerCan:
    principal = info.context.signed_in
    return CataloguesViewerCan(
        import_catalogue=may(principal, IMPORT_CATALOGUE), write_control_text=may(principal, WRITE_CONTROL_TEXT)
    )


@strawberry.type(description="A group of a catalogue file and how many controls it holds.")
class ImportedGroup:
    id: str
    title: str
    control_count: int


@strawberry.type(description="A catalogue file checked (a dry run: nothing kept) or imported as a new version.")
class CatalogueImport:
    dry_run: bool
    catalogue_id: str
    edition: str
    version: int = strawberry.field(description="The version it makes, or would make, of the catalogue id.")
    group_count: int
    control_count: int
    groups: list[ImportedGroup]
    catalogue: Catalogue | None = strawberry.field(description="The catalogue as imported; null on a dry run.")


@strawberry.type
class ControlTextChange:
    control: Control


CatalogueImportResult = Annotated[CatalogueImport | Refusal, strawberry.union("CatalogueImportResult")]
ControlTextChangeResult = Annotated[ControlTextChange | Refusal, strawberry.union("ControlTextChangeResult")]
CatalogueResult = Annotated[Catalogue | NotFoundError | ValidationError, strawberry.union("CatalogueResult")]
CorrespondenceResult = Annotated[
    Correspondence | NotFoundError | ValidationError, strawberry.union("CorrespondenceResult")
]
