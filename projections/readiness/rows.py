"""What the readiness read answers: an organisation's registers in the few figures a certification auditor asks
about, beyond the ones the ISMS home's summaries already give."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ReadinessFacts:
    """Counts and latest dates across the registers, each read through the one visibility filter."""

    scope_stated_on: date | None = None
    """When the latest scope statement (4.3) was stated."""
    policies: int = 0
    """Documents of kind policy, in any status (5.2)."""
    policies_review_overdue: int = 0
    """Published policies past their review date."""
    soa_changed_since_approval: int = 0
    """Controls of the Statement of Applicability decided again after its latest approved version (6.1.3 d)."""
    risks_treated: int = 0
    """Open risks with a treatment chosen or accepted (6.1.3)."""
    treatment_actions: int = 0
    objectives: int = 0
    """Security objectives not cancelled (6.2)."""
    objectives_overdue: int = 0
    """Objectives neither achieved nor cancelled past their due date."""
    changes: int = 0
    """Changes in the change log (8.1)."""
    last_operation_on: date | None = None
    """The latest change filed or treatment action planned: the newest operational planning record."""
    trainings: int = 0
    """Trainings and awareness sessions not withdrawn (7.2, 7.3)."""
    last_training_on: date | None = None
    programmes: int = 0
    programme_this_year: bool = False
    """An internal audit programme for the year of the day judged on (one for a later year only is not)."""
    """The latest year an internal audit programme was planned for (9.2.2)."""
    audits: int = 0
    audits_completed: int = 0
    last_audit_held_on: date | None = None
    """When the latest completed audit was held."""
    reviews: int = 0
    reviews_closed: int = 0
    last_review_closed_on: date | None = None
    """When the latest closed management review was held."""
    nonconformities: int = 0
    nonconformities_unanalysed: int = 0
    """Nonconformities still open: no cause nor correction recorded yet (10.2 a, b)."""
    corrective_actions_overdue: int = 0
    """Corrective actions not completed by their due date."""
