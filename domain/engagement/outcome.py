"""Where an organisation stands at the end of the programme (paper 004's measure of success)."""

from __future__ import annotations

from enum import StrEnum


class Outcome(StrEnum):
    IN_PROGRESS = "in_progress"
    ESTABLISHED = "isms_established"
    AUDIT_PLANNED = "certification_audit_planned"
    CERTIFIED = "certified"
    WITHDRAWN = "withdrawn"
