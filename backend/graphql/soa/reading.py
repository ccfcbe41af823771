"""The statement as the API shows it: read rows, the shipped catalogue and what the viewer may do, put together."""

from __future__ import annotations

from uuid import UUID

from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.soa import actions as a
from backend.graphql.soa.types import (
    SoaGroup,
    SoaHistoryEntry,
    SoaVersionViewerCan,
    SoaViewerCan,
    StatementOfApplicability,
)
from backend.policy import may
from domain.catalogues.catalogue import Catalogue
from domain.catalogues.library import shipped
from domain.shared.errors import NotFound
from domain.soa import rules
from projections.soa.catalogue import kept_catalogue
from projections.soa.rows import ControlRow, StatementRow, VersionRow

NOT_STARTED = "This organisation has not started its Statement of Applicability."
NO_ORGANISATION = "No organisation with this id."


def organisation_in_view(info: Info[Context, None], organisation_id: UUID, field: str = "organisation_id") -> UUID:
    if info.context.services.queries.organisations.with_registers(info.context.scope, organisation_id) is None:
        raise NotFound(NO_ORGANISATION, field)
    return organisation_id


def statement_row(info: Info[Context, None], organisation_id: UUID) -> StatementRow:
    row = info.context.services.queries.soa.statement(info.context.scope, organisation_id)
    if row is None:
        raise NotFound(NOT_STARTED, "organisation_id")
    return row


def catalogue_of(info: Info[Context, None], row: StatementRow) -> Catalogue:
    """The catalogue as the statement kept it: shipped, or the very import it was started with."""
    queries = info.context.services.queries
    found = kept_catalogue(queries.catalogues, info.context.scope, row.catalogue_id, row.catalogue_version)
    if found is None:
        raise NotFound("The statement's catalogue is not in your view.", "catalogue_id")
    return found


def open_controls(controls: list[ControlRow]) -> tuple[int, int]:
    """How many controls are undecided, and how many are carried over and still to review."""
    return sum(c.applicable is None for c in controls), sum(c.to_review for c in controls)


def statement(info: Info[Context, None], row: StatementRow) -> StatementOfApplicability:
    queries, scope, p = info.context.services.queries.soa, info.context.scope, info.context.signed_in
    catalogue, own = catalogue_of(info, row), row.organisation_id
    controls = queries.all_controls(scope, own)
    targets = [c.target for c in shipped().correspondences_from(row.catalogue_id)]
    still_open = open_controls(controls)
    can = SoaViewerCan(
        decide=may(p, a.DECIDE_CONTROL, own) and rules.can_decide(row.status),
        submit=may(p, a.SUBMIT_SOA, own) and rules.can_submit(row.status, *still_open),
        move_edition=may(p, a.MOVE_SOA, own) and rules.can_move_edition(row.status, bool(targets)),
    )
    history = [SoaHistoryEntry.from_row(h) for h in queries.history(scope, own) if h.control_id is None]
    return StatementOfApplicability.from_row(row, catalogue, groups(catalogue, controls), targets, history, can)


def version_viewer_can(
    info: Info[Context, None], organisation_id: UUID, v: VersionRow, still_open: tuple[int, int]
) -> SoaVersionViewerCan:
    """`still_open`: the statement's undecided and to-review controls (what the draft on its way has left)."""
    p = info.context.signed_in
    authors = info.context.services.queries.soa.authors(info.context.scope, organisation_id, v.number)
    return SoaVersionViewerCan(
        submit=may(p, a.SUBMIT_SOA, organisation_id) and rules.can_submit(v.status, *still_open),
        approve=may(p, a.APPROVE_SOA, organisation_id)
        and rules.can_approve(v.status, v.submitted_by_id, authors, p.account_id),
        reject=may(p, a.REJECT_SOA, organisation_id) and rules.can_reject(v.status),
        download=v.status == rules.VersionStatus.APPROVED,
    )


def groups(catalogue: Catalogue, controls: list[ControlRow]) -> list[SoaGroup]:
    return [
        SoaGroup(
            id=group.id, title=group.title, controls=catalogue.count_in(group.id),
            decided=sum(1 for c in controls if c.group_id == group.id and c.applicable is not None),
            applicable=sum(1 for c in controls if c.group_id == group.id and c.applicable),
        )
        for group in catalogue.groups
    ]  # fmt: skip
