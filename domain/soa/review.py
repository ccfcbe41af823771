"""The review of Annex A: what a Statement of Applicability may have missed, from its decisions and the risks
that its controls treat. A pure function of those: the risk register is read by the caller and given here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from domain.catalogues.catalogue import Catalogue, Control
from domain.soa.decision import Decision
from domain.soa.rules import InclusionReason


@dataclass(frozen=True)
class TreatingRisk:
    """A risk of the risk register whose treatment chose a control."""

    risk_id: str
    title: str
    level: str
    residual_level: str | None
    status: str


TreatingRisks = Mapping[str, Sequence[TreatingRisk]]
"""The risks treated by each control, keyed `"<catalogue_id>:<control_id>"`."""


def control_key(catalogue_id: str, control_id: str) -> str:
    return f"{catalogue_id}:{control_id}"


@dataclass(frozen=True)
class ExcludedButChosen:
    """A risk whose treatment chose a control that the statement marks not applicable."""

    risk: TreatingRisk
    control: Control


@dataclass(frozen=True)
class Review:
    applicable_without_reason: tuple[Control, ...]
    """Applicable, treating no risk, and included for risk treatment only: nothing backs the inclusion."""
    groups_with_nothing_applicable: tuple[str, ...]
    """Themes (2022) or domains (2005) of which no control is applicable (yet)."""
    risks_with_excluded_controls: tuple[ExcludedButChosen, ...]
    undecided: tuple[Control, ...]
    to_review: tuple[Control, ...]
    """Carried over from another edition and not confirmed since."""

    @property
    def findings(self) -> int:
        return (
            len(self.applicable_without_reason) + len(self.groups_with_nothing_applicable)
            + len(self.risks_with_excluded_controls) + len(self.undecided) + len(self.to_review)
        )  # fmt: skip


def review_annex_a(catalogue: Catalogue, decisions: Mapping[str, Decision], treating: TreatingRisks) -> Review:
    def risks(control: Control) -> Sequence[TreatingRisk]:
        return treating.get(control_key(catalogue.id, control.id), ())

    decided = [(control, decisions[control.id]) for control in catalogue.controls if control.id in decisions]
    return Review(
        applicable_without_reason=tuple(c for c, d in decided if d.applicable and not risks(c) and _risk_only(d)),
        groups_with_nothing_applicable=_groups_with_nothing_applicable(catalogue, decisions),
        risks_with_excluded_controls=tuple(
            ExcludedButChosen(risk, c) for c, d in decided if not d.applicable for risk in risks(c)
        ),
        undecided=tuple(control for control in catalogue.controls if control.id not in decisions),
        to_review=tuple(c for c, d in decided if d.to_review),
    )


def _risk_only(decision: Decision) -> bool:
    return set(decision.reasons) <= {InclusionReason.RISK_TREATMENT}


def _groups_with_nothing_applicable(catalogue: Catalogue, decisions: Mapping[str, Decision]) -> tuple[str, ...]:
    applying = {c.group for c in catalogue.controls if c.id in decisions and decisions[c.id].applicable}
    return tuple(group.id for group in catalogue.groups if group.id not in applying)
