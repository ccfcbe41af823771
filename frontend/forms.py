"""Reading HTML forms into GraphQL variables, and GraphQL refusals into errors shown beside their fields."""

from __future__ import annotations

from datetime import date
from typing import Any


class FormErrors(dict[str, str]):
    """Messages by form field name; empty when the form is fine."""


def optional_date(form: dict[str, str], name: str, errors: FormErrors) -> str | None:
    value = form.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        errors[name] = "Enter a date such as 2026-03-31."
        return None


def required_date(form: dict[str, str], name: str, errors: FormErrors) -> str | None:
    value = optional_date(form, name, errors)
    if value is None and name not in errors:
        errors[name] = "This field is required."
    return value


def whole_number(form: dict[str, str], name: str, errors: FormErrors) -> int | None:
    try:
        return int(form.get(name, "").strip())
    except ValueError:
        errors[name] = "Enter a whole number."
        return None


def optional_number(form: dict[str, str], name: str, errors: FormErrors) -> int | None:
    return whole_number(form, name, errors) if form.get(name, "").strip() else None


def refusal(result: dict[str, Any] | None) -> FormErrors:
    """The mutation's typed error as form errors (keyed by the last part of its field), or none."""
    errors = FormErrors()
    if result is None or "code" not in result:
        return errors
    field = (result.get("field") or "form").split(".")[-1]
    errors[field] = result["message"]
    return errors
