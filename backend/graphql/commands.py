"""The shared path of every mutation: authorize, build the command, run it, wait for the read models."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from eventsourcing.persistence import InterfaceError, InternalError, OperationalError
from strawberry.types import Info

from backend.auth.principal import Principal
from backend.graphql.context import Context
from backend.graphql.errors import UserError, unavailable, user_error
from domain.application import Cordee, Saved
from domain.shared.errors import DomainError

C = TypeVar("C")
log = logging.getLogger("cordee.graphql")

STORAGE_FAILURES = (OperationalError, InterfaceError, InternalError)
"""What the event store's recorder raises when it cannot write: disk full, read-only, unreachable, locked."""


async def run_command(
    info: Info[Context, None],
    authorize: Callable[[Principal], None],
    build: Callable[[Principal], C],
    handler: Callable[[Cordee], Callable[[C], Saved]],
) -> Saved | UserError:
    """Answers what was saved, or the typed refusal; a refused command has written nothing."""
    context = info.context
    principal = context.signed_in
    try:
        authorize(principal)
        cmd = build(principal)
        saved = await context.services.execute_async(handler(context.services.app), cmd)
    except DomainError as error:
        if error.code == "PROJECTIONS_BEHIND":
            context.note_saved()
        return user_error(error)
    except STORAGE_FAILURES as error:
        log.warning("Event store refused a write (request %s): %s", context.request_id, error)
        return unavailable()
    context.note_saved()
    return saved
