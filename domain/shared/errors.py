"""Domain errors. Each has a stable code that the API shows to its clients."""

from __future__ import annotations

from typing import ClassVar


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


class NotFound(DomainError):
    """No such thing in the caller's tenant. A thing of another tenant is reported exactly the same way."""

    code = "NOT_FOUND"


class Conflict(DomainError):
    """Another command changed the same thing first, or the thing already exists."""

    code = "CONFLICT"


class Forbidden(DomainError):
    """The principal may see the thing but not do this to it."""

    code = "FORBIDDEN"
