"""Reading HTML forms into GraphQL variables, and GraphQL refusals into errors shown beside their fields."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any


class FormErrors(dict[str, str]):
    """Messages by form field name; empty when the form is fine."""


@dataclass(frozen=True)
class FormState:
    """A page's forms as shown: the errors beside their fields, the values typed, and the status to answer with."""

    errors: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, str] = field(default_factory=dict)
    status: int = 200


UNTOUCHED = FormState()
"""A page as first shown: no errors, nothing typed."""


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


def one_of(form: dict[str, str], name: str, allowed: Iterable[str], errors: FormErrors) -> str | None:
    """A choice among radio buttons or options; none chosen, or one we did not offer, is an error."""
    value = form.get(name, "")
    if value not in allowed:
        errors[name] = "Choose one of the options."
        return None
    return value


def lines(form: dict[str, str], name: str) -> list[str]:
    """A textarea holding one entry a line, such as the names of the people who came."""
    return [line.strip() for line in form.get(name, "").splitlines() if line.strip()]


def refusal(result: dict[str, Any] | None) -> FormErrors:
    """The mutation's typed error as form errors (keyed by the last part of its field), or none."""
    errors = FormErrors()
    if result is None or "code" not in result:
        return errors
    for problem in result.get("problems") or [result]:
        field = (problem.get("field") or "form").split(".")[-1]
        errors.setdefault(field, problem["message"])
    return errors


@dataclass
class Submission:
    """A posted form, one of several on a page.

    Its fields are named `<scope>-<field>` in the page so that each form keeps its own values and errors; `fields`
    holds them without the prefix, and `refused` puts it back to show the form again.
    """

    fields: dict[str, str]
    scope: str = ""
    errors: FormErrors = field(default_factory=FormErrors)

    @classmethod
    def read(cls, form: dict[str, str], scope: str = "") -> Submission:
        prefix = f"{scope}-" if scope else ""
        return cls({key.removeprefix(prefix): value for key, value in form.items() if key.startswith(prefix)}, scope)

    def text(self, name: str) -> str:
        return self.fields.get(name, "")

    def required(self, name: str) -> str:
        """Text that must be given; a blank one is an error, reported with every other error of the form."""
        value = self.text(name)
        if not value.strip():
            self.errors[name] = "This field is required."
        return value

    def confirmed(self, name: str, message: str) -> bool:
        """An irreversible action goes ahead only when its confirmation box is ticked."""
        if not self.checked(name):
            self.errors[name] = message
        return self.checked(name)

    def checked(self, name: str) -> bool:
        return name in self.fields

    def day(self, name: str) -> str | None:
        return required_date(self.fields, name, self.errors)

    def number(self, name: str) -> int | None:
        return whole_number(self.fields, name, self.errors)

    def optional_number(self, name: str) -> int | None:
        return optional_number(self.fields, name, self.errors)

    def one_of(self, name: str, allowed: Iterable[str]) -> str | None:
        return one_of(self.fields, name, allowed, self.errors)

    def lines(self, name: str) -> list[str]:
        return lines(self.fields, name)

    def refused(self) -> FormState:
        """The form shown again, refused: its errors beside its fields, what was typed kept."""
        errors = {self._shown(name): message for name, message in self.errors.items()}
        return FormState(errors, {self._shown(name): value for name, value in self.fields.items()}, 422)

    def _shown(self, name: str) -> str:
        return f"{self.scope}-{name}" if self.scope else name
