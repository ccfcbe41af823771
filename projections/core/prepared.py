"""Statements built once, run many times: the scope's ids and the arguments travel as parameters.

Building a SQLAlchemy statement (columns, joins, the visibility subqueries) costs more than running it on SQLite.
A query the pages run on every request is built once per kind of scope (admin, coach, member: each filters
differently), with placeholders for the tenant, the coach or organisation of the scope, and the query's
arguments. Each run passes them all; a placeholder has no default value, so a run that forgot one fails rather
than reading with another caller's ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from threading import Lock
from typing import TYPE_CHECKING, Any, cast
from uuid import UUID

from sqlalchemy import BindParameter, Select, Uuid, bindparam

if TYPE_CHECKING:
    from projections.core.scope import Scope

Build = Callable[..., Select[Any]]
"""Builds a statement from a scope and keyword arguments (placeholders when prepared)."""


class PreparedStatements:
    def __init__(self) -> None:
        self._built: dict[tuple[str, bool, bool, bool], Select[Any]] = {}
        self._lock = Lock()

    def get(self, name: str, scope: Scope, build: Build, **arguments: Any) -> tuple[Select[Any], dict[str, Any]]:
        """The statement `name` for this kind of scope (built on first use), and the parameters of this run."""
        shape = (name, scope.coach_id is not None, scope.organisation_id is not None, scope.registers_only)
        statement = self._built.get(shape)
        if statement is None:
            placeholders = {key: _placeholder(key, value) for key, value in arguments.items()}
            statement = build(_placeholder_scope(scope), **placeholders)
            with self._lock:
                self._built[shape] = statement
        return statement, {**_scope_parameters(scope), **arguments}


def _placeholder(key: str, value: Any) -> BindParameter[Any]:
    if isinstance(value, list | tuple):  # several ids: `IN (...)`, expanded at each run to the ids it is given
        return bindparam(key, type_=Uuid() if value and isinstance(value[0], UUID) else None, expanding=True)
    return bindparam(key, type_=Uuid() if isinstance(value, UUID) else None, required=True)


def _placeholder_scope(scope: Scope) -> Scope:
    def uuid_placeholder(key: str) -> UUID:
        # Compared with columns only, a placeholder stands where the scope's id would.
        return cast(UUID, bindparam(key, type_=Uuid(), required=True))

    return replace(
        scope,
        tenant_id=uuid_placeholder("scope_tenant_id"),
        coach_id=None if scope.coach_id is None else uuid_placeholder("scope_coach_id"),
        organisation_id=None if scope.organisation_id is None else uuid_placeholder("scope_organisation_id"),
    )


def _scope_parameters(scope: Scope) -> dict[str, Any]:
    parameters: dict[str, Any] = {"scope_tenant_id": scope.tenant_id}
    if scope.coach_id is not None:
        parameters["scope_coach_id"] = scope.coach_id
    if scope.organisation_id is not None:
        parameters["scope_organisation_id"] = scope.organisation_id
    return parameters
