"""Typed errors: what a client gets when a command or a lookup is refused."""

from __future__ import annotations

from enum import Enum
from uuid import UUID

import strawberry

from domain.shared.errors import DomainError, ValidationErrors, ValidationFailed


@strawberry.enum(description="Why a request was refused.")
class ErrorCode(Enum):
    VALIDATION = "VALIDATION"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    FORBIDDEN = "FORBIDDEN"
    PROJECTIONS_BEHIND = "PROJECTIONS_BEHIND"
    UNAVAILABLE = "UNAVAILABLE"
    NOT_ENOUGH_MEMBERS = "NOT_ENOUGH_MEMBERS"
    """Too few members contribute for an anonymised comparison to be shown (docs/comparison.md)."""


@strawberry.interface(description="A refusal the client can show to the user. Nothing was written.")
class UserError:
    code: ErrorCode
    message: str
    field: str | None = strawberry.field(description="The input at fault, dotted for nested inputs.")


@strawberry.type(description="One input at fault and why.")
class FieldProblem:
    field: str | None
    message: str


@strawberry.type
class ValidationError(UserError):
    problems: list[FieldProblem] = strawberry.field(
        default_factory=list,
        description="Every input at fault when several are (the first is also `field` and `message`); else empty.",
    )


@strawberry.type
class NotFoundError(UserError):
    pass


@strawberry.type
class ConflictError(UserError):
    pass


@strawberry.type
class ForbiddenError(UserError):
    pass


@strawberry.type(description="Unlike other refusals, the command WAS saved; the views have not caught up yet.")
class ProjectionsBehindError(UserError):
    pass


@strawberry.type(description="The change was NOT saved: the event store could not be written. Try again later.")
class UnavailableError(UserError):
    pass


Refusal = ValidationError | NotFoundError | ConflictError | ForbiddenError | ProjectionsBehindError | UnavailableError
"""Every typed refusal a command can answer."""

_TYPES: dict[str, type[Refusal]] = {
    "VALIDATION": ValidationError,
    "NOT_FOUND": NotFoundError,
    "CONFLICT": ConflictError,
    "FORBIDDEN": ForbiddenError,
    "PROJECTIONS_BEHIND": ProjectionsBehindError,
    "UNAVAILABLE": UnavailableError,
}

NOT_SAVED = "The change was NOT saved: the data store cannot be written right now. Try again later."


def user_error(error: DomainError) -> Refusal:
    if isinstance(error, ValidationErrors):
        problems = [FieldProblem(field=_camel_path(p.field), message=p.message) for p in error.problems]
        first = problems[0]
        return ValidationError(code=ErrorCode.VALIDATION, message=first.message, field=first.field, problems=problems)
    error_type = _TYPES[error.code]
    return error_type(code=ErrorCode(error.code), message=error.message, field=_camel_path(error.field))


def unavailable() -> UnavailableError:
    return UnavailableError(code=ErrorCode.UNAVAILABLE, message=NOT_SAVED, field=None)


def parse_id(value: str, field: str) -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        raise ValidationFailed(field, "This is not a valid id.") from None


def _camel_path(field: str | None) -> str | None:
    if field is None:
        return None
    return ".".join(_camel(part) for part in field.split("."))


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def lookup_refusal(error: DomainError) -> NotFoundError | ValidationError:
    """Why a lookup is refused: a malformed id or an id out of view."""
    refusal = user_error(error)
    if isinstance(refusal, NotFoundError | ValidationError):
        return refusal
    raise error


def guarded_lookup_refusal(error: DomainError) -> NotFoundError | ValidationError | ForbiddenError:
    """Why a lookup the viewer needs a right for is refused: as a lookup, or the viewer may not."""
    refusal = user_error(error)
    return refusal if isinstance(refusal, ForbiddenError) else lookup_refusal(error)


REFUSALS = [ValidationError, NotFoundError, ConflictError, ForbiddenError, ProjectionsBehindError, UnavailableError]
"""Every typed refusal, registered with the schema."""
