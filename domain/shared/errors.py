"""Domain errors. Each has a stable code that the API shows to its clients."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar


class DomainError(Exception):
    """A command was refused. Nothing was written."""

    code: ClassVar[str] = "DOMAIN"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class ValidationFailed(DomainError):
    """The input breaks a rule; `field` names the offending input (dotted for nested inputs)."""

    code = "VALIDATION"

    def __init__(self, field: str | None, message: str) -> None:
        """`field` is None when the input has nothing to name (a mutation without arguments)."""
        super().__init__(message, field)


class ValidationErrors(ValidationFailed):
    """Several inputs break their rules at once: each is reported (`problems`), the first as the error itself."""

    def __init__(self, problems: list[ValidationFailed]) -> None:
        super().__init__(problems[0].field, problems[0].message)
        self.problems = problems


def every_check(*checks: Callable[[], Any]) -> tuple[Any, ...]:
    """Runs every check and answers their values in order; when some fail, raises them all at once, so a form shows
    every field at fault, not the first one only."""
    values: list[Any] = []
    failed: list[ValidationFailed] = []
    for check in checks:
        try:
            values.append(check())
        except ValidationErrors as several:
            failed.extend(several.problems)
        except ValidationFailed as one:
            failed.append(one)
    if len(failed) == 1:
        raise failed[0]
    if failed:
        raise ValidationErrors(failed)
    return tuple(values)


class NotFound(DomainError):
    """No such thing in the caller's tenant. A thing of another tenant is reported exactly the same way."""

    code = "NOT_FOUND"


class Conflict(DomainError):
    """Another command changed the same thing first, or the thing already exists."""

    code = "CONFLICT"


class Forbidden(DomainError):
    """The principal may see the thing but not do this to it."""

    code = "FORBIDDEN"
