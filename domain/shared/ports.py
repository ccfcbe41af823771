"""What a feature's command handlers need of the application, as small explicit ports.

The application implements them; a feature names only the ports it uses, so features that must not know each
other never import each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol, TypeVar
from uuid import UUID

from domain.shared.aggregate import TenantAggregate
from domain.shared.service import Saved

A = TypeVar("A", bound=TenantAggregate)


class Store(Protocol):
    """Tenant-checked loading and conflict-aware saving."""

    def get(self, kind: type[A], tenant_id: UUID, aggregate_id: UUID, field: str = "id") -> A: ...

    def exists(self, kind: type[A], tenant_id: UUID, aggregate_id: UUID) -> bool: ...

    def save_new(self, aggregate: TenantAggregate, field: str, message: str) -> Saved: ...

    def save_changes(self, aggregate: TenantAggregate, *also: TenantAggregate) -> Saved: ...


class Organisations(Protocol):
    """Does this organisation exist in the tenant (NotFound on `organisation_id` otherwise)."""

    def check_organisation(self, tenant_id: UUID, organisation_id: UUID) -> None: ...


@dataclass(frozen=True)
class LibraryCopy:
    """A library item as a register copies it: the copy records `item_id` and `version`."""

    item_id: UUID
    kind: str
    version: int
    title: str
    fields: dict[str, Any]
    retired: bool


class LibraryItems(Protocol):
    """The consultancy's library item, as it now is (NotFound on `field` for a missing or foreign one)."""

    def library_item(self, tenant_id: UUID, item_id: UUID, field: str) -> LibraryCopy: ...


Handler = Callable[[Any, Any], Saved]
"""A command handler: (the application, seen through the ports it needs; the command) → what was saved."""


class SessionFeedback(Protocol):
    """May this active member share feedback about this session of the cluster (ValidationFailed otherwise)."""

    def check_feedback_allowed(
        self, tenant_id: UUID, cluster_id: UUID, session_key: str, organisation_id: UUID
    ) -> None: ...


class MemberAssessment(Protocol):
    """The coaching ceiling an assessment estimates against, once the member is found assessable
    (an active member of a cluster that is not closed; ValidationFailed otherwise)."""

    def assessable_member_ceiling(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> int: ...


class Coaches(Protocol):
    """Is this account a coach of the tenant (NotFound or ValidationFailed on `field` otherwise)."""

    def check_coach(self, tenant_id: UUID, coach_id: UUID, field: str) -> None: ...


class OrganisationDocuments(Protocol):
    """Is this document one of the organisation's own (NotFound on `field` otherwise: another organisation's
    document is answered as a missing one)."""

    def check_document_of(self, tenant_id: UUID, organisation_id: UUID, document_id: UUID, field: str) -> None: ...


class GapAnalyses(Protocol):
    """A member's gap analysis in a cluster: its latest levels by area ("clause 5"; none before the first), and the
    analysis with one more assessment, every rule of the assessment checked, not yet saved."""

    def gap_baseline(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> dict[str, int]: ...

    def assessed_gap(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        cluster_id: UUID,
        organisation_id: UUID,
        dates: tuple[date, date],
        clause_levels: dict[str, int],
        theme_levels: dict[str, int],
    ) -> TenantAggregate: ...


class OrganisationAccounts(Protocol):
    """Is this an active member account of the organisation (NotFound or ValidationFailed on `field` otherwise)."""

    def check_member_account(self, tenant_id: UUID, organisation_id: UUID, account_id: UUID, field: str) -> None: ...


class OrganisationAssets(Protocol):
    """Are these assets of the organisation's inventory, none retired (NotFound or ValidationFailed on `field`)."""

    def check_assets(self, tenant_id: UUID, organisation_id: UUID, asset_ids: tuple[UUID, ...], field: str) -> None: ...


class OrganisationPeople(Protocol):
    """Is this an active account that works on the organisation's ISMS: one of its member accounts, the coach of a
    cluster it belongs to, or an admin of the consultancy (NotFound on `field` otherwise, as for a missing account:
    a coach of another cluster is not one of its people)."""

    def check_person_of(self, tenant_id: UUID, organisation_id: UUID, account_id: UUID, field: str) -> None: ...


class OrganisationCatalogue(Protocol):
    """The control catalogue of the organisation's Statement of Applicability, or the shipped ISO/IEC 27001:2022
    one when it has none."""

    def organisation_catalogue(self, tenant_id: UUID, organisation_id: UUID) -> Any: ...


class OrganisationRisks(Protocol):
    """Are these risks of the organisation's register (NotFound on `field` otherwise: another organisation's risk is
    answered as a missing one)."""

    def check_risks(self, tenant_id: UUID, organisation_id: UUID, risk_ids: tuple[UUID, ...], field: str) -> None: ...


@dataclass(frozen=True)
class ReviewInputSection:
    """One input of a management review as gathered from a register: `recorded` is False for a register Cordee does
    not keep yet (its `lines` then say so)."""

    key: str
    title: str
    recorded: bool
    lines: tuple[str, ...]


class ReviewInputs(Protocol):
    """The inputs of an organisation's management review, gathered from its registers as they stand now: one
    section per input, in the order of clause 9.3.2; changes are counted since the organisation's previous
    review."""

    def review_inputs(
        self, tenant_id: UUID, organisation_id: UUID, review_id: UUID
    ) -> tuple[ReviewInputSection, ...]: ...
