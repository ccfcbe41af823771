"""One member's engagement in a cluster: its coaching ledger, the ceiling and its overrides, and its outcome.

One per organisation in a cluster, so a coach logging coaching for one member never conflicts with another member's
feedback or with a session move: logging coaching writes here, never to the `Cluster`.

What the rules need of the cluster (is it running, since when, is the organisation an active member, the template's
ceiling and module count) is given to each method as `ClusterFacts`, read by the handler.

History written before the split: until November 2026 the `Cluster` aggregate held the ledger, the ceiling and the
outcome of every member, in events of the same names. Those stay on the cluster's stream, read as they were. An
engagement whose member has such history is opened, on its first command, from the cluster's carried state (half-days
used and granted, outcome and its dates, the modules coached) in one explicit `Opened` event: its ledger continues
from there. See `docs/event-history.md`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.clusters.rules import ClusterStatus
from domain.engagement.outcome import Outcome
from domain.engagement.rules import (
    NEXT_OUTCOME,
    can_correct_coaching_entry,
    can_log_coaching,
    can_raise_ceiling,
    can_record_outcome,
)
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.calendar import business_date, past_date
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.text import (
    NAME_MAX_LENGTH,
    REASON_MAX_LENGTH,
    count_between,
    multi_line,
    not_before,
    single_line,
)

WORK_DONE_MAX_LENGTH = 5000
NEXT_STEPS_MAX_LENGTH = 5000
CERTIFICATION_BODY_MAX_LENGTH = NAME_MAX_LENGTH
CERTIFICATE_REFERENCE_MAX_LENGTH = 100
OVERRIDE_HALF_DAYS_MAX = 28


@dataclass(frozen=True)
class ClusterFacts:
    """What an engagement's rules need of its cluster, read by the handler when the command arrives."""

    status: ClusterStatus
    started_on: date | None
    member_active: bool
    base_ceiling: int
    module_count: int


@dataclass(frozen=True)
class CarriedState:
    """A member's engagement as the cluster held it before the split (all zero for a member admitted since)."""

    half_days_used: int = 0
    half_days_granted: int = 0
    outcome: Outcome = Outcome.IN_PROGRESS
    isms_established_on: date | None = None
    audit_planned_on: date | None = None
    coached_modules: tuple[int, ...] = ()


def engagement_id(tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> UUID:
    return tenant_scoped_id(tenant_id, "engagement", f"{cluster_id}:{organisation_id}")


class Engagement(TenantAggregate):
    voided_entries: frozenset[int] = frozenset()
    """Entries voided by a correction: they stay numbered in the ledger and no longer count."""

    @classmethod
    def open(
        cls, tenant_id: UUID, actor_id: UUID, cluster_id: UUID, organisation_id: UUID, carried: CarriedState
    ) -> Engagement:
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            cluster_id=cluster_id,
            organisation_id=organisation_id,
            half_days_used=carried.half_days_used,
            half_days_granted=carried.half_days_granted,
            outcome=carried.outcome.value,
            isms_established_on=carried.isms_established_on,
            audit_planned_on=carried.audit_planned_on,
            coached_modules=list(carried.coached_modules),
        )

    @staticmethod
    def create_id(tenant_id: UUID, cluster_id: UUID, organisation_id: UUID, **_: object) -> UUID:
        return engagement_id(tenant_id, cluster_id, organisation_id)

    @event("Opened")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        cluster_id: UUID,
        organisation_id: UUID,
        half_days_used: int,
        half_days_granted: int,
        outcome: str,
        isms_established_on: date | None,
        audit_planned_on: date | None,
        coached_modules: list[int],
    ) -> None:
        self.tenant_id = tenant_id
        self.cluster_id = cluster_id
        self.organisation_id = organisation_id
        self.half_days_used = half_days_used
        self.half_days_granted = half_days_granted
        self.outcome = Outcome(outcome)
        self.isms_established_on = isms_established_on
        self.audit_planned_on = audit_planned_on
        self.coached_modules = set(coached_modules)
        self.entry_modules: dict[int, int] = {}
        """The module each entry logged here follows up (entries carried from the cluster's stream are not known)."""

    def _member(self) -> dict[str, UUID]:
        return {"cluster_id": self.cluster_id, "organisation_id": self.organisation_id}

    def ceiling(self, facts: ClusterFacts) -> int:
        return facts.base_ceiling + self.half_days_granted

    @property
    def half_days_counted(self) -> int:
        """The half-days that count against the ceiling: every entry logged but the voided ones."""
        return self.half_days_used - len(self.voided_entries)

    # Coaching

    def log_coaching_half_day(
        self,
        actor_id: UUID,
        facts: ClusterFacts,
        held_on: date,
        coach_id: UUID,
        module_number: int | None,
        work_done: str,
        next_steps: str,
    ) -> None:
        """Logs one half-day of individual coaching, refused past the organisation's ceiling."""
        _check_member(facts)
        if facts.status is not ClusterStatus.RUNNING:
            raise ValidationFailed("organisation_id", "This happens while the cluster is running.")
        _check_on_or_after_start(facts, "held_on", past_date("held_on", held_on))
        if module_number is not None and not 1 <= module_number <= facts.module_count:
            raise ValidationFailed("module_number", f"Choose a module from 1 to {facts.module_count}.")
        ceiling = self.ceiling(facts)
        if not can_log_coaching(facts.status, facts.member_active, self.half_days_counted, ceiling):
            raise ValidationFailed(
                "organisation_id",
                f"The coaching ceiling of {ceiling} half-days is reached for this organisation. "
                "A consultancy admin can raise it, with a reason.",
            )
        self._coaching_half_day_logged(
            actor_id=actor_id,
            **self._member(),
            entry_number=self.half_days_used + 1,
            held_on=held_on,
            coach_id=coach_id,
            module_number=module_number,
            work_done=multi_line("work_done", work_done, WORK_DONE_MAX_LENGTH),
            next_steps=multi_line("next_steps", next_steps, NEXT_STEPS_MAX_LENGTH, required=False),
        )

    @event("CoachingHalfDayLogged")
    def _coaching_half_day_logged(
        self,
        actor_id: UUID,
        cluster_id: UUID,
        organisation_id: UUID,
        entry_number: int,
        held_on: date,
        coach_id: UUID,
        module_number: int | None,
        work_done: str,
        next_steps: str,
    ) -> None:
        """`entry_number` counts the member's half-days from 1, so the ledger reads "half-day 12 of 28"."""
        self.half_days_used = entry_number
        if module_number is not None:
            self.coached_modules.add(module_number)
            self.entry_modules[entry_number] = module_number

    def correct_coaching_entry(
        self,
        actor_id: UUID,
        facts: ClusterFacts,
        entry_number: int,
        held_on: date,
        work_done: str,
        next_steps: str,
        reason: str,
    ) -> None:
        """A correction of an entry's date and notes, with the reason; the ledger keeps what it said before."""
        self._check_correctable(entry_number)
        _check_on_or_after_start(facts, "held_on", past_date("held_on", held_on))
        self._coaching_entry_corrected(
            actor_id=actor_id,
            **self._member(),
            entry_number=entry_number,
            held_on=held_on,
            work_done=multi_line("work_done", work_done, WORK_DONE_MAX_LENGTH),
            next_steps=multi_line("next_steps", next_steps, NEXT_STEPS_MAX_LENGTH, required=False),
            reason=multi_line("reason", reason, REASON_MAX_LENGTH),
            module_number=self.entry_modules.get(entry_number),
        )

    @event("CoachingEntryCorrected")
    def _coaching_entry_corrected(
        self,
        actor_id: UUID,
        cluster_id: UUID,
        organisation_id: UUID,
        entry_number: int,
        held_on: date,
        work_done: str,
        next_steps: str,
        reason: str,
        module_number: int | None,
    ) -> None:
        """Nothing the rules read changes; `module_number` names the coaching slot the entry holds, whose date the
        plan corrects too."""

    def void_coaching_entry(self, actor_id: UUID, entry_number: int, reason: str) -> None:
        """An entry logged by mistake no longer counts, against the ceiling or in the effort; the ledger shows it."""
        self._check_correctable(entry_number)
        reason = multi_line("reason", reason, REASON_MAX_LENGTH)
        released = self._slot_released_by_voiding(entry_number)
        self._coaching_entry_voided(
            actor_id=actor_id, **self._member(), entry_number=entry_number, reason=reason, released_module=released
        )

    @event("CoachingEntryVoided")
    def _coaching_entry_voided(
        self,
        actor_id: UUID,
        cluster_id: UUID,
        organisation_id: UUID,
        entry_number: int,
        reason: str,
        released_module: int | None,
    ) -> None:
        """`released_module`: the module whose coaching slot no entry holds any more, planned again."""
        self.voided_entries = self.voided_entries | {entry_number}
        if released_module is not None:
            self.coached_modules.discard(released_module)

    def _slot_released_by_voiding(self, entry_number: int) -> int | None:
        """The module of the entry, when no other entry still counting follows it up."""
        module = self.entry_modules.get(entry_number)
        others = [n for n, m in self.entry_modules.items() if m == module and n != entry_number]
        return module if module is not None and all(n in self.voided_entries for n in others) else None

    def _check_correctable(self, entry_number: int) -> None:
        if not 1 <= entry_number <= self.half_days_used:
            raise NotFound("No entry with this number in the organisation's coaching ledger.", "entry_number")
        if not can_correct_coaching_entry(entry_number in self.voided_entries):
            raise ValidationFailed("entry_number", "This entry is void: a void entry is not corrected again.")

    def raise_coaching_ceiling(
        self, actor_id: UUID, facts: ClusterFacts, additional_half_days: int, reason: str
    ) -> None:
        """An explicit, recorded decision to coach past the template's ceiling."""
        _check_member(facts)
        if not can_raise_ceiling(facts.status, facts.member_active):
            raise ValidationFailed("organisation_id", "This happens while the cluster is running.")
        count_between("additional_half_days", additional_half_days, 1, OVERRIDE_HALF_DAYS_MAX)
        reason = multi_line("reason", reason, REASON_MAX_LENGTH)
        self._coaching_ceiling_raised(
            actor_id=actor_id, **self._member(), additional_half_days=additional_half_days, reason=reason
        )

    @event("CoachingCeilingRaised")
    def _coaching_ceiling_raised(
        self, actor_id: UUID, cluster_id: UUID, organisation_id: UUID, additional_half_days: int, reason: str
    ) -> None:
        self.half_days_granted += additional_half_days

    # Outcomes

    def record_isms_established(self, actor_id: UUID, facts: ClusterFacts, established_on: date) -> None:
        self._check_outcome_step(facts, Outcome.IN_PROGRESS, "The ISMS is already recorded as established.")
        _check_on_or_after_start(facts, "established_on", past_date("established_on", established_on))
        self._isms_established(actor_id=actor_id, **self._member(), established_on=established_on)

    @event("IsmsEstablished")
    def _isms_established(self, actor_id: UUID, cluster_id: UUID, organisation_id: UUID, established_on: date) -> None:
        self.outcome = Outcome.ESTABLISHED
        self.isms_established_on = established_on

    def plan_certification_audit(
        self, actor_id: UUID, facts: ClusterFacts, audit_on: date, certification_body: str
    ) -> None:
        self._check_outcome_step(facts, Outcome.ESTABLISHED, "Plan the audit once the ISMS is established.")
        business_date("audit_on", audit_on)
        not_before("audit_on", audit_on, self.isms_established_on, "the ISMS was established")
        body = single_line("certification_body", certification_body, CERTIFICATION_BODY_MAX_LENGTH)
        self._certification_audit_planned(
            actor_id=actor_id, **self._member(), audit_on=audit_on, certification_body=body
        )

    @event("CertificationAuditPlanned")
    def _certification_audit_planned(
        self, actor_id: UUID, cluster_id: UUID, organisation_id: UUID, audit_on: date, certification_body: str
    ) -> None:
        self.outcome = Outcome.AUDIT_PLANNED
        self.audit_planned_on = audit_on

    def record_certified(
        self, actor_id: UUID, facts: ClusterFacts, certified_on: date, certificate_reference: str
    ) -> None:
        self._check_outcome_step(facts, Outcome.AUDIT_PLANNED, "Certification follows a planned audit.")
        past_date("certified_on", certified_on)
        not_before("certified_on", certified_on, self.audit_planned_on, "the certification audit")
        reference = single_line("certificate_reference", certificate_reference, CERTIFICATE_REFERENCE_MAX_LENGTH)
        self._certified(actor_id=actor_id, **self._member(), certified_on=certified_on, certificate_reference=reference)

    @event("Certified")
    def _certified(
        self, actor_id: UUID, cluster_id: UUID, organisation_id: UUID, certified_on: date, certificate_reference: str
    ) -> None:
        self.outcome = Outcome.CERTIFIED

    def _check_outcome_step(self, facts: ClusterFacts, expected: Outcome, message: str) -> None:
        _check_member(facts)
        if facts.status not in (ClusterStatus.RUNNING, ClusterStatus.CLOSED):
            raise ValidationFailed("organisation_id", "Outcomes are recorded once the cluster has started.")
        if not can_record_outcome(facts.status, facts.member_active, self.outcome, NEXT_OUTCOME[expected]):
            raise ValidationFailed("organisation_id", message)


def _check_member(facts: ClusterFacts) -> None:
    if not facts.member_active:
        raise ValidationFailed("organisation_id", "This organisation has withdrawn from the cluster.")


def _check_on_or_after_start(facts: ClusterFacts, field_name: str, day: date) -> None:
    if facts.started_on is None or day < facts.started_on:
        raise ValidationFailed(field_name, f"Cannot be before the cluster started ({facts.started_on or 'not yet'}).")
