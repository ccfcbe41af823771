"""An organisation's Statement of Applicability: its catalogue, its decisions and its versions."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.catalogues.catalogue import Catalogue, Correspondence, natural_order
from domain.catalogues.library import shipped
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import ValidationFailed
from domain.shared.text import REASON_MAX_LENGTH, multi_line
from domain.soa import rules
from domain.soa.decision import Decision, combined
from domain.soa.rules import VersionStatus


def statement_id(tenant_id: UUID, organisation_id: UUID) -> UUID:
    """An organisation has one statement: its id follows from the organisation's."""
    return tenant_scoped_id(tenant_id, "soa", str(organisation_id))


def catalogue_parts(catalogue: Catalogue) -> tuple[list[list[str]], list[list[str]]]:
    """A catalogue's controls as `[id, group, title]` and its groups as `[id, title]`: what the statement keeps."""
    controls = [[control.id, control.group, control.title] for control in catalogue.controls]
    return controls, [[group.id, group.title] for group in catalogue.groups]


def _shipped_parts(catalogue_id: str) -> tuple[list[list[str]], list[list[str]]]:
    catalogue = shipped().catalogue(catalogue_id)
    if catalogue is None:
        raise LookupError(f"No shipped catalogue {catalogue_id!r}.")
    return catalogue_parts(catalogue)


class StatementOfApplicability(TenantAggregate):
    class Started(TenantAggregate.Created):
        """Version 2 carries the catalogue's controls and groups as they were at the start, so that a later import
        of the catalogue changes nothing of the statement. Version 1 (before imported catalogues) named a shipped
        catalogue only: its controls are the shipped ones."""

        class_version = 2
        tenant_id: UUID
        actor_id: UUID
        organisation_id: UUID
        catalogue_id: str
        catalogue_version: str
        controls: list[list[str]]
        groups: list[list[str]]

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["controls"], state["groups"] = _shipped_parts(state["catalogue_id"])

    @classmethod
    def start(
        cls, tenant_id: UUID, actor_id: UUID, organisation_id: UUID, catalogue: Catalogue, version: str
    ) -> StatementOfApplicability:
        """On a catalogue as it is at this `version` (the shipped catalogue's own, or an import's number)."""
        controls, groups = catalogue_parts(catalogue)
        return cls(
            tenant_id=tenant_id, actor_id=actor_id, organisation_id=organisation_id,
            catalogue_id=catalogue.id, catalogue_version=version, controls=controls, groups=groups,
        )  # fmt: skip

    @staticmethod
    def create_id(tenant_id: UUID, organisation_id: UUID, **_: object) -> UUID:
        return statement_id(tenant_id, organisation_id)

    @event(Started)
    def __init__(
        self, tenant_id: UUID, actor_id: UUID, organisation_id: UUID, catalogue_id: str, catalogue_version: str,
        controls: list[list[str]], groups: list[list[str]],
    ) -> None:  # fmt: skip
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.catalogue_id = catalogue_id
        self.catalogue_version = catalogue_version
        self.controls: tuple[str, ...] = tuple(control[0] for control in controls)
        """The ids of the catalogue's controls, as kept at the start (or the move): what every decision is of."""
        self.number = 1
        """The number of the version being drafted, or submitted."""
        self.status: str = VersionStatus.DRAFT
        self.submitted_by: UUID | None = None
        self.approved: list[int] = []
        self.decisions: dict[str, Decision] = {}
        self.authors: set[UUID] = set()
        """Who decided a control of the version on its way: none of them approves it."""

    def decide(self, actor_id: UUID, control_id: str, decision: Decision) -> None:
        self._check_draft()
        if control_id not in self.controls:
            raise ValidationFailed("control", f"The statement's catalogue has no control {control_id!r}.")
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
        undecided, to_review = self.open_controls()
        if not rules.can_submit(self.status, len(undecided), len(to_review)):
            raise ValidationFailed("version", self._why_not_submitted(undecided, to_review))
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
        if not rules.can_approve(self.status, self.submitted_by, self.authors, actor_id):
            if actor_id == self.submitted_by:
                raise ValidationFailed(
                    "version", "The person who submitted a version cannot approve it: someone else must."
                )
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
        self.controls = tuple(control[0] for control in _shipped_parts(catalogue_id)[0])
        self.decisions = {control: Decision.from_event(data, to_review=True) for control, data in carried.items()}

    def _check_draft(self) -> None:
        if not rules.can_decide(self.status):
            raise ValidationFailed(
                "version", f"Version {self.number} is submitted: approve or reject it before changing decisions."
            )

    def _check_number(self, number: int) -> None:
        if number != self.number:
            raise ValidationFailed("version", f"Version {number} is not the one on its way (version {self.number}).")

    def open_controls(self) -> tuple[list[str], list[str]]:
        """The controls not decided yet, and those carried from another edition and not confirmed since."""
        undecided = [control for control in self.controls if control not in self.decisions]
        to_review = [control for control, decision in self.decisions.items() if decision.to_review]
        order = {control: position for position, control in enumerate(self.controls)}
        to_review.sort(key=lambda control: order.get(control, len(order)))
        return undecided, to_review

    def _why_not_submitted(self, undecided: list[str], to_review: list[str]) -> str:
        if self.status != VersionStatus.DRAFT:
            return f"Version {self.number} is already submitted."
        return rules.missing_for_submission(undecided, to_review)


def carried_decisions(decisions: dict[str, Decision], correspondence: Correspondence) -> dict[str, Decision]:
    """Each target control decided from the source controls that map to it and were decided; to review."""
    sources: dict[str, list[tuple[str, Decision]]] = {}
    for control, decision in decisions.items():
        for target in correspondence.targets(control):
            sources.setdefault(target, []).append((control, decision))
    ordered = {target: sorted(found, key=lambda pair: natural_order(pair[0])) for target, found in sources.items()}
    return {target: combined(found) for target, found in ordered.items()}
