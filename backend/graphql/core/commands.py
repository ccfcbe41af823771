"""The one path of every mutation: authorise, check what the input names, run the command, wait for the read models.

A resolver names the action, the command's type and the command's fields given by the client:

    await change(info, LOG_COACHING, LogCoachingHalfDay, cluster_id=input.cluster_id, ...)

The tenant and the acting account come from the signed-in principal, never from the input. Every field named
`…_id` is an id given as text: it is parsed here, once, and a malformed one is a VALIDATION refusal naming the field.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.persistence import InterfaceError, InternalError, OperationalError
from strawberry.types import Info

from backend.auth.security_log import SecurityEvent, security_event
from backend.graphql.core.context import Context
from backend.graphql.core.errors import Refusal, parse_id, unavailable, user_error
from backend.graphql.core.loaders import forget_reads
from backend.policy import Action, authorize, authorize_command, authorize_without_cluster, named_in, on_behalf
from domain.application import Saved
from domain.shared.errors import DomainError

C = TypeVar("C")
log = logging.getLogger("cordee.graphql")

STORAGE_FAILURES = (OperationalError, InterfaceError, InternalError)
"""What the event store's recorder raises when it cannot write: disk full, read-only, unreachable, locked."""


async def change(
    info: Info[Context, None], action: Action, command: Callable[..., C], **given: Any
) -> tuple[C, Saved] | Refusal:
    """The command and what it saved, or the typed refusal; a refused command has written nothing."""
    context = info.context
    try:
        cmd = _authorised(info, action, command, given)
        saved = await context.services.execute_async(cmd)
    except DomainError as error:
        if error.code == "PROJECTIONS_BEHIND":
            context.note_saved()
        return _refused(info, error)
    except STORAGE_FAILURES as error:
        log.warning("Event store refused a write (request %s): %s", context.request_id, error)
        return unavailable()
    context.note_saved()
    forget_reads(context)
    return cmd, saved


def role_refusal(info: Info[Context, None], action: Action) -> Refusal | None:
    """The refusal of a principal whose roles may not take the action, before anything the input names is looked
    up: whether it exists is no answer for someone who may not act on it."""
    try:
        authorize(info.context.signed_in, action)
    except DomainError as error:
        return _refused(info, error)
    return None


def _refused(info: Info[Context, None], error: DomainError) -> Refusal:
    """The typed refusal; a FORBIDDEN one logged as `authz_fail`."""
    if error.code == "FORBIDDEN":
        principal, context = info.context.principal, info.context
        security_event(
            SecurityEvent.AUTHZ_FAIL,
            principal.account_id if principal else "anonymous",
            info.field_name,
            description=error.message,
            request_id=context.request_id,
            tenant=principal.tenant_id if principal else None,
        )
    return user_error(error)


def _authorised(info: Info[Context, None], action: Action, command: Callable[..., C], given: Mapping[str, Any]) -> C:
    """The command, once the principal may take the action on everything the input names."""
    principal, queries = info.context.signed_in, info.context.services.queries
    fields = parsed_ids(given)
    cluster_id = fields.get("cluster_id")
    named = named_in(action, fields)
    if isinstance(cluster_id, UUID):
        authorize_command(principal, action, queries, cluster_id, named)
    else:
        authorize_without_cluster(principal, action, queries, named)
    return command(principal.tenant_id, principal.account_id, **on_behalf(principal, action, fields))


def parsed_ids(given: Mapping[str, Any]) -> dict[str, Any]:
    """The fields with every id given as text parsed, in the order given."""
    return {name: _parsed(name, value) for name, value in given.items()}


def _parsed(name: str, value: Any) -> Any:
    """An id given as text, or an attendance record's organisations' ids."""
    if name == "attendance" and isinstance(value, Mapping):
        return {parse_id(key, f"{name}.organisation_id"): item for key, item in value.items()}
    return parse_id(value, name) if name.endswith("_id") and isinstance(value, str) else value
