"""GraphQL shapes of a catalogue, its groups, clauses and controls, and a correspondence between two catalogues."""

from __future__ import annotations

from typing import Annotated

import strawberry
from graphql import GraphQLError

from backend.graphql.catalogues.cursors import control_after, control_cursor
from backend.graphql.core.errors import NotFoundError, ValidationError
from backend.graphql.core.pagination import PageInfo, check_page_size
from domain.catalogues import catalogue as model
from domain.catalogues.listing import controls_page
from domain.shared.errors import DomainError


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
        )


@strawberry.type
class ControlEdge:
    cursor: str
    node: Control


@strawberry.type
class ControlConnection:
    edges: list[ControlEdge]
    page_info: PageInfo


@strawberry.type(description="A shipped edition of the controls, the same for every consultancy.")
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
    source: strawberry.Private[model.Catalogue]

    @classmethod
    def of(cls, catalogue: model.Catalogue) -> Catalogue:
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


CatalogueResult = Annotated[Catalogue | NotFoundError | ValidationError, strawberry.union("CatalogueResult")]
CorrespondenceResult = Annotated[
    Correspondence | NotFoundError | ValidationError, strawberry.union("CorrespondenceResult")
]
