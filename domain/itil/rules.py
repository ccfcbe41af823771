"""What may be declared and proposed, as pure functions: one definition each, for the aggregate and the API."""

from __future__ import annotations

from domain.itil.mapping import mapping
from domain.shared.errors import ValidationFailed

PROPOSED_LEVEL = 2
"""The maturity level ITIL evidence proposes for an area it feeds: 2, "repeatable", a practice runs and has evidence.
Not 3 ("defined", what certification asks): ITIL runs the practice, but the ISMS's own risk-based, documented
process is still to be built. A level the coach already recorded higher is never lowered."""

PROPOSED_SOA_STATUS = "partial"
"""An ITIL practice with evidence proposes its controls as partly implemented: the practice runs; whether it meets
the control in full is the Statement of Applicability's review to decide."""


def can_declare(declared: bool) -> bool:
    """An item is declared once; to give other evidence, withdraw it (saying why) and declare it again."""
    return not declared


def can_withdraw(declared: bool) -> bool:
    return declared


def checked_item(field: str, item: str) -> str:
    known = mapping().item_keys
    if item not in known:
        raise ValidationFailed(field, f"Choose one of: {', '.join(known)}.")
    return item


def proposed_level(baseline: int) -> int:
    """See `PROPOSED_LEVEL`: raised to it, never lowered."""
    return max(baseline, PROPOSED_LEVEL)
