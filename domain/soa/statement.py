"""An organisation's Statement of Applicability: its catalogue, its decisions and its versions."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.catalogues.catalogue import Catalogue, Correspondence, natural_order
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import ValidationFailed
from domain.shared.text import REASON_MAX_LENGTH, multi_line
from domain.soa import rules
from domain.soa.decision import Decision, combined
from domain.soa.rules import VersionStatus


def statement_id(tenant_id: UUID, organisation_id: UUID) -> UUID:
    """An organisation has one statement: its id follows from the organisation's."""
    return tenant_scoped_id(tenant_id, "soa", str(organisation_id))


class StatementOfApplicability(TenantAggregate):
    @classmethod
    def start(
        cls, tenant_id: UUID, actor_id: UUID, organisation_id: UUID, catalogue: Catalogue
    ) -> StatementOfApplicability:
        return cls(
            tenant_id=tenant_id, actor_id=actor_id, organisation_id=organisation_id,
            catalogue_id=catalogue.id, catalogue_version=catalogue.version,
        )  # fmt: skip

    @staticmethod
    def create_id(tenant_id: UUID, organisation_id: UUID, **_: object) -> UUID:
        return statement_id(tenant_id, organisation_id)

    @event("Started")
    def __init__(
        self, tenant_id: UUID, actor_id: UUID, organisation_id: UUID, catalogue_id: str, catalogue_version: str
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.catalogue_id = catalogue_id
        self.catalogue_version = catalogue_version
        self.number = 1
        """The number of the version being drafted, or submitted."""
        self.status: str = VersionStatus.DRAFT
        self.submitted_by: UUID | None = None
        self.approved: list[int] = []
        self.decisions: dict[str, Decision] = {}
        self.authors: set[UUID] = set()
        """Who decided a control of the version on its way: none of them approves it."""

    def decide(self, actor_id: UUID, catalogue: Catalogue, control_id: str, decision: Decision) -> None:
        self._check_draft()
        if catalogue.control(control_id) is None:
            raise ValidationFailed("control", f"{catalogue.edition} has no control {control_id!r}.")
        self._decided(actor_id, self.number, control_id, **decision.as_event())

    @event("ControlDecided")
    def _decided(
        self, actor_id: UUID, number: int, control_id: str, applicable: bool, reasons: list[str],
        justification: str, implementation: str | None, evidence: list[str],
    ) -> None:  # fmt: skip
        self.authors.add(actor_id)
        data = {"applicable": applicable, "reasons": reasons, "justification": justification}
        self.decisions[control_id] = Decision.from_event(
            data | {"implementation": implementation, "evidence": evidence}
        )

    def submit(self, actor_id: UUID, number: int) -> None:
        self._check_number(number)
        if not rules.can_submit(self.status, len(self.decisions)):
            raise ValidationFailed("version", self._why_not_submitted())
        self._submitted(actor_id, number, len(self.decisions))

    @event("VersionSubmitted")
    def _submitted(self, actor_id: UUID, number: int, decided: int) -> None:
        self.status = VersionStatus.SUBMITTED
        self.submitted_by = actor_id

    def approve(self, actor_id: UUID, number: int) -> None:
        """By someone other than the person who submitted it; the version is frozen, later decisions are the next."""
        self._check_number(number)
        if self.status != VersionStatus.SUBMITTED:
            raise ValidationFailed("version", f"Only a submitted version is approved. Version {number} is a draft.")
        if not rules.can_approve(self.status, self.submitted_by, actor_id):
            raise ValidationFailed(
                "version", "The person who submitted a version cannot approve it: someone else must."
            )
        if actor_id in self.authors:
            raise ValidationFailed(
                "version", "Someone who decided a control of this version cannot approve it: someone else must."
            )
        self._approved(actor_id, number)

    @event("VersionApproved")
    def _approved(self, actor_id: UUID, number: int) -> None:
        self.approved.append(number)
        self.authors = set()
        self.number = number + 1
        self.status = VersionStatus.DRAFT
        self.submitted_by = None

    def reject(self, actor_id: UUID, number: int, reason: str) -> None:
        self._check_number(number)
        if not rules.can_reject(self.status):
            raise ValidationFailed("version", f"Only a submitted version is rejected. Version {number} is a draft.")
        self._rejected(actor_id, number, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("VersionRejected")
    def _rejected(self, actor_id: UUID, number: int, reason: str) -> None:
        self.status = VersionStatus.DRAFT
        self.submitted_by = None

    def move_to(self, actor_id: UUID, target: Catalogue, correspondence: Correspondence | None) -> None:
        """Onto another edition through the shipped correspondence: each decision carried over, to review."""
        self._check_draft()
        if correspondence is None or not rules.can_move_edition(self.status, True):
            raise ValidationFailed(
                "catalogue", f"No shipped correspondence leads from this edition to {target.edition}."
            )
        carried = carried_decisions(self.decisions, correspondence)
        events = {control: decision.as_event() for control, decision in carried.items()}
        self._moved(actor_id, target.id, target.version, correspondence.version, events)

    @event("EditionMoved")
    def _moved(
        self, actor_id: UUID, catalogue_id: str, catalogue_version: str, correspondence_version: str,
        carried: dict[str, dict[str, Any]],
    ) -> None:  # fmt: skip
        self.catalogue_id, self.catalogue_version = catalogue_id, catalogue_version
        self.decisions = {control: Decision.from_event(data, to_review=True) for control, data in carried.items()}

    def _check_draft(self) -> None:
        if not rules.can_decide(self.status):
            raise ValidationFailed(
                "version", f"Version {self.number} is submitted: approve or reject it before changing decisions."
            )

    def _check_number(self, number: int) -> None:
        if number != self.number:
            raise ValidationFailed("version", f"Version {number} is not the one on its way (version {self.number}).")

    def _why_not_submitted(self) -> str:
        if self.status != VersionStatus.DRAFT:
            return f"Version {self.number} is already submitted."
        return "Decide at least one control before submitting."


def carried_decisions(decisions: dict[str, Decision], correspondence: Correspondence) -> dict[str, Decision]:
    """Each target control decided from the source controls that map to it and were decided; to review."""
    sources: dict[str, list[tuple[str, Decision]]] = {}
    for control, decision in decisions.items():
        for target in correspondence.targets(control):
            sources.setdefault(target, []).append((control, decision))
    ordered = {target: sorted(found, key=lambda pair: natural_order(pair[0])) for target, found in sources.items()}
    return {target: combined(found) for target, found in ordered.items()}
