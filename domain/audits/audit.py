"""One internal audit of a programme: its scope (areas of the programme), criteria, date and auditor, its findings,
and its completion with a conclusion. The auditor must own none of the areas audited (`rules.is_independent`);
findings are recorded by the auditor, before the audit is completed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.audits.programme import AuditProgramme
from domain.audits.references import checked_reference
from domain.audits.rules import FINDING_KINDS, can_raise_nonconformity, can_record_findings, owned_areas
from domain.catalogues.catalogue import Catalogue
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import business_date, past_date
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, multi_line, single_line

TITLE_MAX_LENGTH = NAME_MAX_LENGTH
CRITERIA_MAX_LENGTH = 2000
STATEMENT_MAX_LENGTH = 2000
EVIDENCE_MAX_LENGTH = 4000
CONCLUSION_MAX_LENGTH = 4000
FINDINGS_MAX = 500


@dataclass(frozen=True)
class AuditPlan:
    """What an audit covers and against what, when and by whom; checked against its programme."""

    title: str
    scope: tuple[str, ...]
    criteria: str
    planned_on: date
    auditor_id: UUID

    @classmethod
    def checked(
        cls,
        programme: AuditProgramme,
        title: str,
        scope: tuple[str, ...],
        criteria: str,
        planned_on: date,
        auditor_id: UUID,
    ) -> AuditPlan:
        cleaned_title = single_line("title", title, TITLE_MAX_LENGTH)
        cleaned_scope = _scope(programme, scope)
        cleaned_criteria = multi_line("criteria", criteria, CRITERIA_MAX_LENGTH)
        business_date("planned_on", planned_on)
        if planned_on.year != programme.year:
            raise ValidationFailed("planned_on", f"Choose a date in {programme.year}, the programme's year.")
        owned = owned_areas(auditor_id, programme.areas, cleaned_scope)
        if owned:
            raise ValidationFailed(
                "auditor_id",
                f"The auditor owns {', '.join(owned)}: choose someone independent of the areas audited.",
            )
        return cls(cleaned_title, cleaned_scope, cleaned_criteria, planned_on, auditor_id)


def _scope(programme: AuditProgramme, scope: tuple[str, ...]) -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(reference.strip() for reference in scope))
    if not cleaned:
        raise ValidationFailed("scope", "Choose at least one area of the programme.")
    outside = [reference for reference in cleaned if reference not in programme.areas]
    if outside:
        raise ValidationFailed("scope", f"Not an area of the {programme.year} programme: {', '.join(outside)}.")
    return cleaned


@dataclass
class Finding:
    kind: str
    reference: str
    statement: str
    evidence: str
    nonconformity_id: UUID | None = None


class Audit(TenantAggregate):
    @classmethod
    def plan(
        cls, tenant_id: UUID, actor_id: UUID, audit_id: UUID, programme: AuditProgramme, planned: AuditPlan
    ) -> Audit:
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            audit_id=audit_id,
            organisation_id=programme.organisation_id,
            programme_id=programme.id,
            year=programme.year,
            title=planned.title,
            scope=list(planned.scope),
            criteria=planned.criteria,
            planned_on=planned.planned_on,
            auditor_id=planned.auditor_id,
            area_owners={reference: str(programme.areas[reference]) for reference in planned.scope},
        )

    @staticmethod
    def create_id(audit_id: UUID, **_: object) -> UUID:
        return audit_id

    @event("Planned")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        audit_id: UUID,
        organisation_id: UUID,
        programme_id: UUID,
        year: int,
        title: str,
        scope: list[str],
        criteria: str,
        planned_on: date,
        auditor_id: UUID,
        area_owners: dict[str, str],
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.programme_id = programme_id
        self.scope = tuple(scope)
        self.auditor_id = auditor_id
        self.findings: dict[UUID, Finding] = {}
        self.completed = False

    def record_finding(
        self,
        actor_id: UUID,
        finding_id: UUID,
        kind: str,
        reference: str,
        statement: str,
        evidence: str,
        catalogue: Catalogue,
    ) -> None:
        """A finding of the auditor's, with the clause or control it is about and the evidence seen."""
        self._check_open()
        if actor_id != self.auditor_id:
            raise ValidationFailed("audit_id", "Only the audit's auditor records its findings.")
        if kind not in FINDING_KINDS:
            raise ValidationFailed("kind", f"Choose one of: {', '.join(FINDING_KINDS)}.")
        if len(self.findings) >= FINDINGS_MAX:
            raise ValidationFailed("audit_id", f"An audit has at most {FINDINGS_MAX} findings.")
        self._finding_recorded(
            actor_id,
            finding_id,
            kind,
            checked_reference("reference", reference, catalogue),
            multi_line("statement", statement, STATEMENT_MAX_LENGTH),
            multi_line("evidence", evidence, EVIDENCE_MAX_LENGTH),
        )

    @event("FindingRecorded")
    def _finding_recorded(
        self, actor_id: UUID, finding_id: UUID, kind: str, reference: str, statement: str, evidence: str
    ) -> None:
        self.findings[finding_id] = Finding(kind, reference, statement, evidence)

    def note_nonconformity_raised(self, actor_id: UUID, finding_id: UUID, nonconformity_id: UUID) -> Finding:
        """The finding raised this nonconformity of the register: a major or minor one, once."""
        finding = self.findings.get(finding_id)
        if finding is None:
            raise ValidationFailed("finding_id", "No finding of this audit with this id.")
        if not can_raise_nonconformity(finding.kind, finding.nonconformity_id is not None):
            raise ValidationFailed(
                "finding_id", "Only a major or minor nonconformity raises one, and it has not raised one yet."
            )
        self._nonconformity_raised(actor_id, finding_id, nonconformity_id)
        return finding

    @event("NonconformityRaised")
    def _nonconformity_raised(self, actor_id: UUID, finding_id: UUID, nonconformity_id: UUID) -> None:
        self.findings[finding_id].nonconformity_id = nonconformity_id

    def complete(self, actor_id: UUID, held_on: date, conclusion: str) -> None:
        """The audit held on that day, its conclusion written: its report is final."""
        self._check_open()
        if actor_id != self.auditor_id:
            raise ValidationFailed("audit_id", "Only the audit's auditor completes it.")
        conclusion = multi_line("conclusion", conclusion, CONCLUSION_MAX_LENGTH)
        self._completed(actor_id, past_date("held_on", held_on), conclusion)

    @event("Completed")
    def _completed(self, actor_id: UUID, held_on: date, conclusion: str) -> None:
        self.completed = True

    def _check_open(self) -> None:
        if not can_record_findings(self.completed):
            raise ValidationFailed("audit_id", "This audit is completed: its report is final.")
