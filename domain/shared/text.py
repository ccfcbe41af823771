"""Validation of free text and numbers given to commands."""

from __future__ import annotations

from datetime import date

from domain.shared.errors import ValidationFailed

NAME_MAX_LENGTH = 200
NOTES_MAX_LENGTH = 10_000


def required_text(field: str, value: str, max_length: int = NAME_MAX_LENGTH) -> str:
    """The value stripped of surrounding blanks; refused when empty or too long."""
    cleaned = (value or "").strip()
    if not cleaned:
        raise ValidationFailed(field, "This field is required.")
    return bounded_text(field, cleaned, max_length)


def bounded_text(field: str, value: str, max_length: int = NOTES_MAX_LENGTH) -> str:
    cleaned = (value or "").strip()
    if len(cleaned) > max_length:
        raise ValidationFailed(field, f"Must be at most {max_length} characters.")
    return cleaned


def count_between(field: str, value: int, lowest: int, highest: int) -> int:
    if not lowest <= value <= highest:
        raise ValidationFailed(field, f"Must be a whole number from {lowest} to {highest:,}.")
    return value


def ordered_period(start_field: str, start: date | None, end_field: str, end: date | None) -> None:
    """Refuses a period that ends before it starts."""
    if start is not None and end is not None and end < start:
        raise ValidationFailed(end_field, f"Ends before it starts ({start.isoformat()}).")


EARLIEST_BUSINESS_DATE = date(2000, 1, 1)
LATEST_BUSINESS_DATE = date(2199, 12, 31)


def business_date(field: str, day: date) -> date:
    """A date a programme can use: refused outside 2000-2199, where calendars and planning stop making sense."""
    if not EARLIEST_BUSINESS_DATE <= day <= LATEST_BUSINESS_DATE:
        raise ValidationFailed(field, "Choose a date between 2000 and 2199.")
    return day


def natural_key(value: str) -> str:
    """The form of a name used in identifiers: case and inner spacing do not make a different thing."""
    return " ".join(value.split()).casefold()
