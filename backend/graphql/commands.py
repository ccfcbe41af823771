"""The shared path of every mutation: authorize, build the command, run it, wait for the read models."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from strawberry.types import Info

from backend.auth.principal import Principal
from backend.graphql.context import Context
from backend.graphql.errors import UserError, user_error
from domain.application import Cordee, Saved
from domain.shared.errors import DomainError

C = TypeVar("C")


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
        return await context.services.execute_async(handler(context.services.app), cmd)
    except DomainError as error:
        return user_error(error)
