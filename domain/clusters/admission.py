"""The three admission criteria of the cluster approach, each recorded with its evidence."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.errors import ValidationFailed
from domain.shared.text import multi_line

EVIDENCE_MAX_LENGTH = 4000
"""Per criterion: a summary of the evidence and where it is kept, not the documents themselves."""

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

    def checked_evidence(self) -> dict[str, str]:
        """The evidence of each criterion, cleaned; refused when a criterion has none."""
        evidence = {}
        for criterion, label in CRITERIA_LABELS.items():
            field = f"criteria.{criterion}"
            evidence[criterion] = multi_line(field, getattr(self, criterion), EVIDENCE_MAX_LENGTH, required=False)
            if not evidence[criterion]:
                raise ValidationFailed(field, f"Admission criterion not met: {label}. Record its evidence.")
        return evidence
