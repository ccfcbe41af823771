"""What may be done with a training record or an awareness campaign, as pure functions: one definition each, for
the aggregates and the API."""

from __future__ import annotations

from uuid import UUID

from domain.shared.errors import ValidationFailed


def can_withdraw(withdrawn: bool) -> bool:
    """A record withdrawn (entered by mistake) stays in the history, as it was; it is withdrawn once."""
    return not withdrawn


def person_named(account_id: UUID | None, person_name: str) -> None:
    """A training is someone's: a member account of the organisation, or a person named (a new employee without an
    account, a contractor); one or the other, not both."""
    if account_id is None and not person_name:
        raise ValidationFailed("person_name", "Name the person, or choose one of the organisation's accounts.")
    if account_id is not None and person_name:
        raise ValidationFailed("person_name", "Either choose an account or name a person, not both.")
