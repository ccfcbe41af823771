"""A decision on one control: applicable or not, always justified, and what the organisation has of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any
from uuid import UUID

from domain.shared.errors import ValidationFailed, every_check
from domain.shared.text import multi_line
from domain.soa.rules import IMPLEMENTATION_ORDER, ImplementationStatus, InclusionReason

JUSTIFICATION_MAX_LENGTH = 2000
EVIDENCE_MAX_COUNT = 20


@dataclass(frozen=True)
class Decision:
    applicable: bool
    reasons: tuple[str, ...]
    """Why an applicable control is included (`InclusionReason`); none for an excluded one."""
    justification: str
    """The text behind the reasons, or why an excluded control does not apply."""
    implementation: str | None
    """How far an applicable control is implemented (`ImplementationStatus`); None for an excluded one."""
    evidence: tuple[UUID, ...] = ()
    """Documents of the organisation that show it."""
    to_review: bool = False
    """Carried over from another edition: a person has yet to confirm it."""

    def as_event(self) -> dict[str, Any]:
        return {
            "applicable": self.applicable,
            "reasons": list(self.reasons),
            "justification": self.justification,
            "implementation": self.implementation,
            "evidence": [str(document) for document in self.evidence],
        }

    @classmethod
    def from_event(cls, data: dict[str, Any], to_review: bool = False) -> Decision:
        return cls(
            data["applicable"], tuple(data["reasons"]), data["justification"], data["implementation"],
            tuple(UUID(str(document)) for document in data["evidence"]), to_review,
        )  # fmt: skip


def checked_decision(
    applicable: bool, reasons: Sequence[str], justification: str, implementation: str | None,
    evidence: Sequence[UUID] = (),
) -> Decision:  # fmt: skip
    """The decision once every rule holds; every field at fault is reported at once."""
    checked = every_check(
        lambda: _reasons(applicable, reasons),
        lambda: multi_line("justification", justification, JUSTIFICATION_MAX_LENGTH),
        lambda: _implementation(applicable, implementation),
        lambda: _evidence(evidence),
    )
    return Decision(applicable, *checked)


def _reasons(applicable: bool, reasons: Sequence[str]) -> tuple[str, ...]:
    if not applicable:
        if reasons:
            raise ValidationFailed("reasons", "A control that does not apply has no reasons for inclusion.")
        return ()
    if not reasons:
        raise ValidationFailed(
            "reasons", "Say why the control is included: risk treatment, legal, contractual or business."
        )
    unknown = [reason for reason in reasons if reason not in InclusionReason.__members__.values()]
    if unknown:
        raise ValidationFailed("reasons", "Choose among risk_treatment, legal, contractual and business.")
    return tuple(reason for reason in InclusionReason if reason in reasons)


def _implementation(applicable: bool, implementation: str | None) -> str | None:
    if not applicable:
        if implementation:
            raise ValidationFailed("implementation", "A control that does not apply has no implementation status.")
        return None
    if implementation not in ImplementationStatus.__members__.values():
        raise ValidationFailed("implementation", "Choose not_started, planned, partial or implemented.")
    return implementation


def _evidence(evidence: Sequence[UUID]) -> tuple[UUID, ...]:
    if len(evidence) > EVIDENCE_MAX_COUNT:
        raise ValidationFailed("evidence", f"Link at most {EVIDENCE_MAX_COUNT} documents.")
    if len(set(evidence)) != len(evidence):
        raise ValidationFailed("evidence", "A document is linked once.")
    return tuple(evidence)


def combined(sources: Sequence[tuple[str, Decision]]) -> Decision:
    """One decision carried from several of another edition's: applicable if any was, the least implemented status
    of those that apply, every reason and document, each justification under its control's id; to review."""
    applying = [(control, d) for control, d in sources if d.applicable]
    kept = applying or list(sources)
    reasons = tuple(r for r in InclusionReason if any(r in d.reasons for _, d in kept))
    statuses = [d.implementation for _, d in kept if d.implementation]
    least = min(statuses, key=IMPLEMENTATION_ORDER.index) if statuses else None
    text = "\n".join(f"{control}: {d.justification}" for control, d in kept)[:JUSTIFICATION_MAX_LENGTH]
    evidence = tuple(dict.fromkeys(document for _, d in kept for document in d.evidence))[:EVIDENCE_MAX_COUNT]
    return replace(kept[0][1], applicable=bool(applying), reasons=reasons, justification=text,
                   implementation=least, evidence=evidence, to_review=True)  # fmt: skip
