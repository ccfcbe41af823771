"""Attested missions: a consultancy's admin gathers a mission's facts from the consultancy's own records, confirms
and attests them, corrects them (gathered again, with a reason) or withdraws them (with a reason); the professional
reads their portfolio across consultancies. Nobody else reads either: a consultancy reads its own attestations only,
never another's of the same professional; a professional reads their own portfolio only."""

from __future__ import annotations

from datetime import date
from uuid import UUID

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change, role_refusal
from backend.graphql.core.context import Context
from backend.graphql.core.errors import (
    ErrorCode,
    ForbiddenError,
    ValidationError,
    guarded_lookup_refusal,
    parse_id,
    user_error,
)
from backend.graphql.core.pagination import PageInfo, check_page_size, decode_cursor, encode_cursor
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.labels.actions import (
    ATTEST_MISSION,
    CORRECT_MISSION,
    READ_MISSIONS,
    READ_PORTFOLIO,
    WITHDRAW_MISSION,
)
from backend.graphql.labels.gathered import facts_digest, gathered_facts
from backend.graphql.labels.mission_types import (
    AttestedMission,
    AttestedMissionConnection,
    AttestedMissionEdge,
    AttestedMissionsResult,
    AttestedMissionViewerCan,
    GatheredMission,
    GatheredMissionResult,
    MissionAttestationChange,
    MissionAttestationResult,
    MissionFactsShown,
    MissionPortfolio,
    PortfolioMission,
    PortfolioResult,
)
from backend.policy import Action, may, mission_reader, portfolio_owner
from domain.labels.commands import AttestMission, CorrectMissionAttestation, WithdrawMissionAttestation
from domain.labels.missions import MissionFacts
from domain.shared.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from projections.labels.missions import LinkedProfessional, MissionRow
from projections.queries import ReadQueries, Scope

NO_LINK = "No link in force with this id."
NO_MISSION = "No attested mission with this id."
MAY_NOT_READ = "You may not read attested missions."
CHANGED_SINCE_SHOWN = (
    "The records changed since these facts were shown: gather them again, and confirm what they say now."
)


@strawberry.input(
    description="A mission to attest: a link in force, and a member of one of the consultancy's clusters."
)
class AttestMissionInput:
    link_id: strawberry.ID = strawberry.field(description="The consultancy's link, in force, to the professional.")
    cluster_id: strawberry.ID
    organisation_id: strawberry.ID = strawberry.field(description="The member organisation the mission coached.")
    facts_digest: str = strawberry.field(
        description="The `factsDigest` of the facts the admin confirms (`gatheredMission`): if the records changed "
        "since they were shown, nothing is attested (CONFLICT)."
    )


@strawberry.input(description="An attestation to correct or withdraw, and why.")
class ChangeMissionAttestationInput:
    mission_id: strawberry.ID
    reason: str


@strawberry.input(description="An attestation to correct, why, and the facts the admin confirms.")
class CorrectMissionAttestationInput:
    mission_id: strawberry.ID
    reason: str
    facts_digest: str = strawberry.field(
        description="The `factsDigest` of the facts the admin confirms (`regatheredMission`): if the records changed "
        "since they were shown, nothing is corrected (CONFLICT)."
    )


@strawberry.type
class MissionsQuery:
    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="The facts the consultancy's records give for a mission of a linked professional (a link in "
        "force) with one member of one of its clusters, for its admin to confirm before attesting them.",
    )
    def gathered_mission(
        self,
        info: Info[Context, None],
        link_id: strawberry.ID,
        cluster_id: strawberry.ID,
        organisation_id: strawberry.ID,
    ) -> GatheredMissionResult:
        try:
            scope = _admin_scope(info, READ_MISSIONS)
            link, facts = _gathered(info.context.services.queries, scope, link_id, cluster_id, organisation_id)
        except DomainError as error:
            return guarded_lookup_refusal(error)
        shown = MissionFactsShown.of(facts)
        return GatheredMission(professional_name=link.professional_name, facts=shown, facts_digest=facts_digest(facts))

    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="The facts the consultancy's records give now for one of its attested missions, standing, for "
        "its admin to confirm before correcting the attestation with them.",
    )
    def regathered_mission(self, info: Info[Context, None], mission_id: strawberry.ID) -> GatheredMissionResult:
        try:
            scope = _admin_scope(info, READ_MISSIONS)
            queries = info.context.services.queries
            row = _mission(queries, scope, mission_id)
            facts = _gathered_again(queries, scope, row)
        except DomainError as error:
            return guarded_lookup_refusal(error)
        names = queries.missions.professional_names(scope)
        shown = MissionFactsShown.of(facts)
        name = names.get(row.professional_id, "")
        return GatheredMission(professional_name=name, facts=shown, facts_digest=facts_digest(facts))

    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="The missions the consultancy attested, withdrawn ones too, latest start first (its admins).",
    )
    def attested_missions(
        self, info: Info[Context, None], first: int = 50, after: str | None = None
    ) -> AttestedMissionsResult:
        principal, queries = info.context.signed_in, info.context.services.queries
        scope = mission_reader(principal, READ_MISSIONS)
        if scope is None:
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message=MAY_NOT_READ, field=None)
        try:
            size, keyset = check_page_size(first), _keyset(after)
        except DomainError as error:
            refusal = user_error(error)
            assert isinstance(refusal, ValidationError)
            return refusal
        rows = queries.missions.consultancy_missions(scope, keyset, size + 1)
        more, rows = len(rows) > size, rows[:size]
        names = queries.missions.professional_names(scope)
        acts = (may(principal, CORRECT_MISSION), may(principal, WITHDRAW_MISSION))
        edges = [AttestedMissionEdge(cursor=_cursor(row), node=_attested(row, names, acts)) for row in rows]
        end = edges[-1].cursor if edges else None
        return AttestedMissionConnection(edges=edges, page_info=PageInfo(has_next_page=more, end_cursor=end))

    @strawberry.field(
        permission_classes=AUTHENTICATED,
        description="Your portfolio (a professional): the missions consultancies attested that you coached, across "
        "them all, with the facts as last attested; a withdrawn attestation is in it no more.",
    )
    def mission_portfolio(self, info: Info[Context, None]) -> PortfolioResult:
        principal = info.context.signed_in
        owner = portfolio_owner(principal, READ_PORTFOLIO)
        if owner is None:
            return ForbiddenError(code=ErrorCode.FORBIDDEN, message="You may not read a portfolio.", field=None)
        rows = info.context.services.queries.missions.portfolio(owner)
        missions = [
            PortfolioMission(
                id=strawberry.ID(str(r.mission_id)), facts=MissionFactsShown.of(r), corrected=r.corrections > 0
            )
            for r in rows
        ]
        return MissionPortfolio(professional_name=principal.display_name, missions=missions)


@strawberry.type
class MissionsMutation:
    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Attest a mission a linked professional coached for one member of one of the consultancy's "
        "clusters (its admins), with the facts its records give (`gatheredMission`).",
    )
    async def attest_mission(self, info: Info[Context, None], input: AttestMissionInput) -> MissionAttestationResult:
        refused = role_refusal(info, ATTEST_MISSION)
        if refused is not None:
            return refused
        try:
            scope = _admin_scope(info, ATTEST_MISSION)
            queries = info.context.services.queries
            link, facts = _gathered(queries, scope, input.link_id, input.cluster_id, input.organisation_id)
            if facts_digest(facts) != input.facts_digest:
                raise Conflict(CHANGED_SINCE_SHOWN, "facts_digest")
        except DomainError as error:
            return user_error(error)
        done = await change(
            info,
            ATTEST_MISSION,
            AttestMission,
            professional_id=link.professional_id,
            cluster_id=input.cluster_id,
            organisation_id=input.organisation_id,
            facts=facts,
        )
        if not isinstance(done, tuple):
            return done
        return MissionAttestationChange(mission_id=strawberry.ID(str(done[1].aggregate_id)), stands=True)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Correct an attestation with the facts the consultancy's records give now (`regatheredMission`), "
        "and why (its admins): the facts attested before stay in the history.",
    )
    async def correct_mission_attestation(
        self, info: Info[Context, None], input: CorrectMissionAttestationInput
    ) -> MissionAttestationResult:
        refused = role_refusal(info, CORRECT_MISSION)
        if refused is not None:
            return refused
        try:
            scope = _admin_scope(info, CORRECT_MISSION)
            queries = info.context.services.queries
            row = _mission(queries, scope, input.mission_id)
            facts = _gathered_again(queries, scope, row)
            if facts_digest(facts) != input.facts_digest:
                raise Conflict(CHANGED_SINCE_SHOWN, "facts_digest")
        except DomainError as error:
            return user_error(error)
        done = await change(
            info,
            CORRECT_MISSION,
            CorrectMissionAttestation,
            mission_id=row.mission_id,
            facts=facts,
            reason=input.reason,
        )
        if not isinstance(done, tuple):
            return done
        return MissionAttestationChange(mission_id=strawberry.ID(str(row.mission_id)), stands=True)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Withdraw an attestation, and why (its admins): the mission leaves the professional's portfolio "
        "and counts for no renewal.",
    )
    async def withdraw_mission_attestation(
        self, info: Info[Context, None], input: ChangeMissionAttestationInput
    ) -> MissionAttestationResult:
        refused = role_refusal(info, WITHDRAW_MISSION)
        if refused is not None:
            return refused
        try:
            scope = _admin_scope(info, WITHDRAW_MISSION)
            row = _mission(info.context.services.queries, scope, input.mission_id)
        except DomainError as error:
            return user_error(error)
        done = await change(
            info, WITHDRAW_MISSION, WithdrawMissionAttestation, mission_id=row.mission_id, reason=input.reason
        )
        if not isinstance(done, tuple):
            return done
        return MissionAttestationChange(mission_id=strawberry.ID(str(row.mission_id)), stands=False)


def _admin_scope(info: Info[Context, None], action: Action) -> Scope:
    scope = mission_reader(info.context.signed_in, action)
    if scope is None:
        raise Forbidden(f"You may not {action.description}.")
    return scope


def _gathered(
    queries: ReadQueries, scope: Scope, link_id: str, cluster_id: str, organisation_id: str
) -> tuple[LinkedProfessional, MissionFacts]:
    """The link in force and the facts the records give, each id checked in the admin's view."""
    link_key = parse_id(link_id, "link_id")
    cluster_key, organisation_key = parse_id(cluster_id, "cluster_id"), parse_id(organisation_id, "organisation_id")
    link = queries.missions.link_in_force(scope, link_key)
    if link is None:
        raise NotFound(NO_LINK, "link_id")
    coaches = queries.missions.coach_accounts_of(scope, link.professional_id)
    facts = gathered_facts(queries, scope, link.consultancy_name, coaches, cluster_key, organisation_key)
    return link, facts


def _mission(queries: ReadQueries, scope: Scope, mission_id: str) -> MissionRow:
    row = queries.missions.mission(scope, parse_id(mission_id, "mission_id"))
    if row is None:
        raise NotFound(NO_MISSION, "mission_id")
    return row


def _gathered_again(queries: ReadQueries, scope: Scope, row: MissionRow) -> MissionFacts:
    """The facts the records give now, gathered as an attestation gathers them (from the consultancy's coach
    accounts linked in force to the professional); a withdrawn attestation's own facts, which the domain refuses to
    correct. A refusal names the mission, the one thing a correction is given."""
    if not row.stands or row.cluster_id is None or row.organisation_id is None:
        return MissionFacts(**{name: getattr(row, name) for name in MissionFacts.__dataclass_fields__})
    coaches = queries.missions.coach_accounts_of(scope, row.professional_id)
    try:
        return gathered_facts(queries, scope, row.consultancy, coaches, row.cluster_id, row.organisation_id)
    except ValidationFailed as error:
        raise ValidationFailed("mission_id", error.message) from None
    except NotFound as error:
        raise NotFound(error.message, "mission_id") from None


def _attested(row: MissionRow, names: dict[UUID, str], acts: tuple[bool, bool]) -> AttestedMission:
    return AttestedMission(
        id=strawberry.ID(str(row.mission_id)),
        professional_name=names.get(row.professional_id, ""),
        cluster_id=strawberry.ID(str(row.cluster_id)),
        organisation_id=strawberry.ID(str(row.organisation_id)),
        facts=MissionFactsShown.of(row),
        stands=row.stands,
        corrections=row.corrections,
        last_reason=row.last_reason,
        viewer_can=AttestedMissionViewerCan(correct=acts[0] and row.stands, withdraw=acts[1] and row.stands),
    )


def _cursor(row: MissionRow) -> str:
    return encode_cursor(row.started_on.isoformat(), row.mission_id)


def _keyset(after: str | None) -> tuple[date, UUID] | None:
    found = decode_cursor(after)
    if found is None:
        return None
    try:
        return date.fromisoformat(found[0]), found[1]
    except ValueError:
        raise ValidationFailed("after", "This is not a cursor of this list.") from None
