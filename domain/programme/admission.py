"""The three admission criteria of the cluster approach, each recorded with its evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from domain.shared.errors import ValidationFailed
from domain.shared.text import bounded_text

CRITERIA_LABELS = {
    "small_enterprise": "small or very small enterprise",
    "management_commitment": "documented management commitment",
    "resources_available": "human and financial resources available",
}


@dataclass(frozen=True)
class AdmissionCriteria:
    """Evidence for each criterion. A criterion without evidence is not met."""

    small_enterprise: str
    management_commitment: str
    resources_available: str

    def check_all_met(self) -> None:
        for criterion, label in CRITERIA_LABELS.items():
            evidence = bounded_text(f"criteria.{criterion}", getattr(self, criterion))
            if not evidence:
                raise ValidationFailed(
                    f"criteria.{criterion}", f"Admission criterion not met: {label}. Record its evidence."
                )

    def as_evidence(self) -> dict[str, str]:
        return {criterion: evidence.strip() for criterion, evidence in asdict(self).items()}
