"""What may be done to an item of feedback in each state: one definition each, for the aggregate and the API."""

from __future__ import annotations


def can_withdraw_feedback(withdrawn: bool) -> bool:
    """The author's organisation takes its feedback back once (who may do it is checked apart)."""
    return not withdrawn


def can_hide_feedback(withdrawn: bool, hidden: bool) -> bool:
    """The coach hides an item that is neither withdrawn nor already hidden."""
    return not withdrawn and not hidden


def can_unhide_feedback(withdrawn: bool, hidden: bool) -> bool:
    """A hiding made by mistake is corrected: the coach shows a hidden item again (unless its author withdrew it)."""
    return hidden and not withdrawn
