"""The Statement of Applicability's reads: the statement, its controls by page, one control with its history, the
review of Annex A."""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence

import strawberry
from graphql import GraphQLError
from strawberry.types import Info

from backend.graphql.core.context import Context
from backend.graphql.core.errors import lookup_refusal, parse_id, user_error
from backend.graphql.core.pagination import PageInfo, check_page_size, cursor_number
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.soa import actions as a
from backend.graphql.soa.reading import (
    catalogue_of,
    groups,
    open_controls,
    organisation_in_view,
    statement,
    statement_row,
    version_viewer_can,
)
from backend.graphql.soa.treating import treating_risks
from backend.graphql.soa.types import (
    SoaControl,
    SoaControlConnection,
    SoaControlEdge,
    SoaControlOrder,
    SoaControlResult,
    SoaNotStarted,
    SoaResult,
    SoaReview,
    SoaReviewResult,
    SoaVersion,
    SoaVersionConnection,
    SoaVersionEdge,
    SoaVersionOrder,
    SoaVersionStatus,
)
from backend.policy import may
from domain.catalogues.catalogue import Catalogue
from domain.catalogues.library import shipped
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from domain.shared.text import single_line
from domain.soa import rules
from domain.soa.decision import Decision
from domain.soa.review import TreatingRisk, TreatingRisks, control_key, review_annex_a
from projections.soa.queries import ControlFilter, ControlKey, VersionFilter
from projections.soa.rows import ControlRow

SEARCH_MAX_LENGTH = 100
DECISIONS = ("applicable", "not_applicable", "undecided", "to_review")


@strawberry.type
class SoaQuery:
    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="An organisation's Statement of Applicability, or what it may be started on.",
    )
    def statement_of_applicability(self, info: Info[Context, None], organisation_id: strawberry.ID) -> SoaResult:
        try:
            organisation = organisation_in_view(info, parse_id(organisation_id, "organisation_id"))
            row = info.context.services.queries.soa.statement(info.context.scope, organisation)
            if row is None:
                imported = info.context.services.queries.catalogues.imported_ids(info.context.scope)
                catalogues = [c.id for c in shipped().catalogues] + imported
                can = may(info.context.signed_in, a.START_SOA, organisation)
                return SoaNotStarted(organisation_id=organisation_id, catalogues=catalogues, viewer_can_start=can)
            return statement(info, row)
        except DomainError as error:
            return lookup_refusal(error)

    @strawberry.field(permission_classes=[IsAuthenticated], description="The statement's controls, by page.")
    def soa_controls(
        self, info: Info[Context, None], organisation_id: strawberry.ID, first: int = 50, after: str | None = None,
        group: str | None = None, decision: str | None = None, implementation: str | None = None,
        search: str | None = None, order_by: SoaControlOrder = SoaControlOrder.CONTROL,
    ) -> SoaControlConnection:  # fmt: skip
        try:
            organisation = organisation_in_view(info, parse_id(organisation_id, "organisation_id"))
            row = statement_row(info, organisation)
            size, keyset = check_page_size(first), _decode(after, order_by)
            given = _filter(catalogue_of(info, row), group, decision, implementation, search, order_by)
        except DomainError as error:  # a list answers no NOT_FOUND (it has no node): its arguments are at fault
            extensions = {"code": "VALIDATION", "field": user_error(error).field}
            raise GraphQLError(error.message, extensions=extensions) from None
        page = info.context.services.queries.soa.controls(info.context.scope, organisation, size, keyset, given)
        risks = treating_risks(info, organisation)
        can = may(info.context.signed_in, a.DECIDE_CONTROL, organisation) and rules.can_decide(row.status)
        edges = [
            SoaControlEdge(cursor=_encode(c, order_by), node=SoaControl.from_row(c, _risks(risks, c), can))
            for c in page.rows
        ]
        end = edges[-1].cursor if edges else None
        return SoaControlConnection(
            edges=edges, page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=end), total_count=page.total
        )

    @strawberry.field(
        permission_classes=[IsAuthenticated],
        description="The statement's versions, newest first unless asked, and what the viewer may do with each.",
    )
    def soa_versions(
        self, info: Info[Context, None], organisation_id: strawberry.ID, first: int = 20, after: str | None = None,
        status: SoaVersionStatus | None = None, order_by: SoaVersionOrder = SoaVersionOrder.NEWEST,
    ) -> SoaVersionConnection:  # fmt: skip
        try:
            organisation = organisation_in_view(info, parse_id(organisation_id, "organisation_id"))
            statement_row(info, organisation)
            size, after_number = check_page_size(first), _decode_version(after, order_by)
        except DomainError as error:  # a list answers no NOT_FOUND (it has no node): its arguments are at fault
            extensions = {"code": "VALIDATION", "field": user_error(error).field}
            raise GraphQLError(error.message, extensions=extensions) from None
        queries, scope = info.context.services.queries.soa, info.context.scope
        given = VersionFilter(status.value if status else None, oldest_first=order_by == SoaVersionOrder.OLDEST)
        page = queries.versions_page(scope, organisation, size, after_number, given)
        still_open = open_controls(queries.all_controls(scope, organisation))
        edges = [
            SoaVersionEdge(
                cursor=_encode_version(v.number, order_by),
                node=SoaVersion.from_row(v, version_viewer_can(info, organisation, v, still_open)),
            )
            for v in page.rows
        ]
        end = edges[-1].cursor if edges else None
        return SoaVersionConnection(
            edges=edges, page_info=PageInfo(has_next_page=page.has_next_page, end_cursor=end), total_count=page.total
        )

    @strawberry.field(permission_classes=[IsAuthenticated], description="One control, its decision and its history.")
    def soa_control(self, info: Info[Context, None], organisation_id: strawberry.ID, control: str) -> SoaControlResult:
        try:
            organisation = organisation_in_view(info, parse_id(organisation_id, "organisation_id"))
            row = statement_row(info, organisation)
            queries, scope = info.context.services.queries.soa, info.context.scope
            found = queries.control(scope, organisation, control)
            if found is None:
                raise NotFound("The statement's catalogue has no control with this id.", "control")
        except DomainError as error:
            return lookup_refusal(error)
        can = may(info.context.signed_in, a.DECIDE_CONTROL, organisation) and rules.can_decide(row.status)
        history = queries.history(scope, organisation, control)
        return SoaControl.from_row(found, _risks(treating_risks(info, organisation), found), can, history)

    @strawberry.field(permission_classes=[IsAuthenticated], description="The review of Annex A: what may be missed.")
    def soa_review(self, info: Info[Context, None], organisation_id: strawberry.ID) -> SoaReviewResult:
        try:
            organisation = organisation_in_view(info, parse_id(organisation_id, "organisation_id"))
            row = statement_row(info, organisation)
        except DomainError as error:
            return lookup_refusal(error)
        catalogue = catalogue_of(info, row)
        controls = info.context.services.queries.soa.all_controls(info.context.scope, organisation)
        decisions = {c.control_id: _decision(c) for c in controls if c.applicable is not None}
        review = review_annex_a(catalogue, decisions, treating_risks(info, organisation))
        return SoaReview.from_review(review, {g.id: g for g in groups(catalogue, controls)})


def _risks(risks: TreatingRisks, control: ControlRow) -> Sequence[TreatingRisk]:
    return risks.get(control_key(control.catalogue_id, control.control_id), ())


def _decision(row: ControlRow) -> Decision:
    evidence = tuple(e.document_id for e in row.evidence)
    return Decision(
        bool(row.applicable), row.reasons, row.justification or "", row.implementation, evidence, row.to_review
    )


def _filter(
    catalogue: Catalogue, group: str | None, decision: str | None, implementation: str | None,
    search: str | None, order_by: SoaControlOrder,
) -> ControlFilter:  # fmt: skip
    if group and catalogue.group(group) is None:
        raise ValidationFailed("group", f"{catalogue.edition} has no {catalogue.grouping} {group!r}.")
    if decision is not None and decision not in DECISIONS:
        raise ValidationFailed("decision", f"Choose one of: {', '.join(DECISIONS)}.")
    if implementation is not None and implementation not in rules.ImplementationStatus.__members__.values():
        raise ValidationFailed("implementation", "Choose not_started, planned, partial or implemented.")
    words = single_line("search", search, SEARCH_MAX_LENGTH, required=False) or None
    return ControlFilter(
        group=group or None, applicable={"applicable": True, "not_applicable": False}.get(decision or ""),
        undecided=decision == "undecided", implementation=implementation, search=words,
        to_review=decision == "to_review", order=order_by.value,
    )  # fmt: skip


def _encode(row: ControlRow, order: SoaControlOrder) -> str:
    return base64.urlsafe_b64encode(json.dumps([order.value, row.rank, row.position]).encode()).decode()


def _encode_version(number: int, order: SoaVersionOrder) -> str:
    return base64.urlsafe_b64encode(json.dumps([order.value, number]).encode()).decode()


def _decode_version(cursor: str | None, order: SoaVersionOrder) -> int | None:
    if cursor is None:
        return None
    try:
        name, number = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if name != order.value:
            raise ValueError(name)
        return cursor_number(number)
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API for this order.") from None


def _decode(cursor: str | None, order: SoaControlOrder) -> ControlKey | None:
    if cursor is None:
        return None
    try:
        name, rank, position = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        if name != order.value:
            raise ValueError(name)
        return ControlKey(*(cursor_number(number) for number in (rank, position)))
    except (ValueError, TypeError, RecursionError):
        raise ValidationFailed("after", "This is not a cursor given by this API for this order.") from None
