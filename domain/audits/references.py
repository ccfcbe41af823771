"""Clauses and controls an audit names, checked against the catalogues.

A clause of the management system is written as the standard numbers it (`9.2`) and checked against the clauses of
ISO/IEC 27001:2022; an Annex A control is written with its `A.` (`A.5.15`), and checked against the catalogue of the
organisation's Statement of Applicability, or the shipped ISO/IEC 27001:2022 catalogue when it has none. The `A.`
tells a control from the clause of the same number (clause 5.1, leadership; control A.5.1, policies).
"""

from __future__ import annotations

from domain.catalogues.catalogue import Catalogue
from domain.catalogues.library import shipped
from domain.shared.errors import ValidationFailed

REFERENCE_MAX_LENGTH = 20
CLAUSES_FROM = "iso27001-2022"


def checked_reference(field: str, reference: str | None, catalogue: Catalogue) -> str:
    """A clause (9.2) or an Annex A control (A.5.15) of the catalogue."""
    cleaned = (reference or "").strip()
    if not cleaned:
        raise ValidationFailed(field, "This field is required.")
    if len(cleaned) > REFERENCE_MAX_LENGTH:
        raise ValidationFailed(field, f"Must be at most {REFERENCE_MAX_LENGTH} characters.")
    if cleaned.startswith("A."):
        if catalogue.control(cleaned) is None and catalogue.control(cleaned[2:]) is None:
            raise ValidationFailed(field, f"{cleaned} is not a control of {catalogue.title}.")
        return cleaned
    if cleaned not in management_clauses():
        raise ValidationFailed(
            field, f"{cleaned} is not a clause of ISO/IEC 27001 (4 to 10); write a control with its A. (A.5.15)."
        )
    return cleaned


def management_clauses() -> frozenset[str]:
    found = shipped().catalogue(CLAUSES_FROM)
    return frozenset(clause.id for clause in found.clauses) if found else frozenset()
