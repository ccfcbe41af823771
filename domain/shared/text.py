"""Validation of free text, numbers and dates given to commands.

Free text is either `single_line` (names, references: no line break of any kind) or `multi_line` (reasons, notes,
evidence: line breaks and tabs allowed, `\\r\\n` stored as `\\n`). Both refuse control characters, which no one
types and which some databases cannot store (PostgreSQL refuses NUL), and lone surrogates, which cannot be
encoded as UTF-8. Every field has a maximum length, counted in characters after surrounding blanks are removed;
`docs/input-limits.md` lists them all.
"""

from __future__ import annotations

import re
from datetime import date

from domain.shared.errors import ValidationFailed

NAME_MAX_LENGTH = 200
"""Names of people, organisations, clusters and consultancies."""

REASON_MAX_LENGTH = 1000
"""Why something was decided: a withdrawal, a move, a cancellation, a raised ceiling."""

_LINE_ENDINGS = re.compile("\r\n|\r|\u2028|\u2029")
_LINE_BREAKS = re.compile("[\n\u000b\u000c\r\u001c\u001d\u001e\u0085\u2028\u2029]")
_CONTROL = re.compile("[\u0000-\u001f\u007f-\u009f]")
"""Unicode category Cc: a fixed set, by Unicode's stability policy."""
_CONTROL_BUT_TAB_AND_NEWLINE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Embeddings, overrides and isolates: in a one-line name they make it read differently from what it is."""


def single_line(field: str, value: str | None, max_length: int, *, required: bool = True) -> str:
    """The value without surrounding blanks: one line of text, refused when empty (if required) or too long."""
    cleaned = _bounded(field, value, max_length, required)
    if _LINE_BREAKS.search(cleaned):
        raise ValidationFailed(field, "Must fit on one line.")
    _check_characters(field, cleaned, _CONTROL)
    if _BIDI_CONTROL.search(cleaned):
        raise ValidationFailed(field, "Contains an invisible text-direction character. Remove it and try again.")
    return cleaned


def multi_line(field: str, value: str | None, max_length: int, *, required: bool = True) -> str:
    """The value without surrounding blanks, its line endings as `\\n`; line breaks and tabs are allowed."""
    cleaned = _bounded(field, _LINE_ENDINGS.sub("\n", value or ""), max_length, required)
    _check_characters(field, cleaned, _CONTROL_BUT_TAB_AND_NEWLINE)
    return cleaned


def _bounded(field: str, value: str | None, max_length: int, required: bool) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationFailed(field, "This field is required.")
    if len(cleaned) > max_length:
        raise ValidationFailed(field, f"Must be at most {max_length:,} characters.")
    return cleaned


def _check_characters(field: str, value: str, forbidden_controls: re.Pattern[str]) -> None:
    if forbidden_controls.search(value):
        raise ValidationFailed(field, "Contains an invisible control character. Remove it and try again.")
    if _SURROGATE.search(value):
        raise ValidationFailed(field, "Contains a character that is not valid text. Remove it and try again.")


SLUG_MAX_LENGTH = 64
SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
"""A tenant's short name (a consultancy's, a labelling body's): in its sign-in address and its key files."""


def tenant_slug(field: str, value: str) -> str:
    """A tenant's short name, lower-cased: 1 to 64 lower-case letters, digits or inner hyphens."""
    slug = single_line(field, value, SLUG_MAX_LENGTH).lower()
    if not SLUG.fullmatch(slug):
        raise ValidationFailed(field, "Use 1 to 64 lower-case letters, digits or inner hyphens.")
    return slug


def count_between(field: str, value: int, lowest: int, highest: int) -> int:
    if not lowest <= value <= highest:
        raise ValidationFailed(field, f"Must be a whole number from {lowest} to {highest:,}.")
    return value


def ordered_period(start_field: str, start: date | None, end_field: str, end: date | None) -> None:
    """Refuses a period that ends before it starts."""
    if start is not None and end is not None and end < start:
        raise ValidationFailed(end_field, f"Ends before it starts ({start.isoformat()}).")


def not_before(field: str, day: date, earliest: date | None, what: str) -> None:
    """Refuses a date before an earlier fact, e.g. a withdrawal before the cluster started."""
    if earliest is not None and day < earliest:
        raise ValidationFailed(field, f"Cannot be before {what} ({earliest.isoformat()}).")


def natural_key(value: str) -> str:
    """The form of a name used in identifiers: case and inner spacing do not make a different thing."""
    return " ".join(value.split()).casefold()
