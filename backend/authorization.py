"""The authorization matrix: which role may take each action, and who reads what each query answers.

It is a data file, `backend/authorization.toml`, read once. `backend.policy` decides by it (an action's roles are its
row), `docs/authorization.md` shows it as a table (`cordee authorization` writes it), and
`tests/api/tenancy/test_authorization_matrix.py` calls every GraphQL operation as every role to prove the API enforces
exactly what it says. A row is keyed by an action's stable name (`backend.graphql.actions`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from domain.tenancy.account import Role

MATRIX_FILE = Path(__file__).with_name("authorization.toml")

MATRIX_ROLES = (
    Role.CONSULTANCY_ADMIN,
    Role.COACH,
    Role.ISMS_MANAGER,
    Role.CONTRIBUTOR,
    Role.VIEWER,
    Role.AUDITOR,
    Role.LABELLING_BODY,
    Role.PROFESSIONAL,
)
"""The roles a row names, in the order of the table. A stored `member` account holds what an ISMS manager holds."""
EDITS_NOTHING = frozenset({Role.VIEWER, Role.AUDITOR})
"""Read-only roles: a row may name them only for what a person does to their own account."""
DECIDES_NOTHING = frozenset({Role.CONTRIBUTOR}) | EDITS_NOTHING
"""Roles that never approve, accept or close."""


class MatrixError(ValueError):
    """The file says something the product cannot enforce: an unknown role, action, scope or operation."""


@dataclass(frozen=True)
class ActionRow:
    roles: frozenset[Role]
    mutations: tuple[str, ...]
    own_account: bool
    """What a person does to their own account only (their password): read-only roles may."""


@dataclass(frozen=True)
class QueryRow:
    roles: frozenset[Role]
    """Who gets an answer; everyone else is refused FORBIDDEN."""
    sees: str
    """Which rows the answer holds: a key of `[sees]`."""
    action: str | None
    """The action whose roles the query follows, when it has one."""


@dataclass(frozen=True)
class FieldRule:
    rule: str
    """What decides the field for the person asking, beyond the row of its action or query."""
    proven_by: str
    """The test that proves it: `path` or `path::function`, from the project's root."""


@dataclass(frozen=True)
class Matrix:
    roles: Mapping[Role, str]
    sees: Mapping[str, str]
    actions: Mapping[str, ActionRow]
    queries: Mapping[str, QueryRow]
    fields: Mapping[str, FieldRule]
    """Field-level rules, by `Type.field`."""

    def roles_of(self, action: str) -> frozenset[Role]:
        try:
            return self.actions[action].roles
        except KeyError:
            raise MatrixError(f"{MATRIX_FILE.name} has no row for the action {action!r}.") from None

    def mutation_actions(self) -> dict[str, str]:
        """Each mutation's action."""
        return {mutation: name for name, row in self.actions.items() for mutation in row.mutations}

    def check(self, actions: Mapping[str, bool], mutations: Iterable[str], queries: Iterable[str]) -> None:
        """Raises unless the file has a row for exactly the declared actions (by stable name, with whether each
        approves), every mutation and every query field of the schema; and no approving row names a role that
        decides nothing."""
        _same("action", set(actions), set(self.actions))
        _same("mutation", set(mutations), set(self.mutation_actions()))
        _same("query", set(queries), set(self.queries))
        for name, approves in actions.items():
            if approves and self.actions[name].roles & DECIDES_NOTHING:
                raise MatrixError(f"{name} approves: a contributor, a viewer or an auditor may not.")


def _same(kind: str, declared: set[str], listed: set[str]) -> None:
    if declared != listed:
        missing, stale = sorted(declared - listed), sorted(listed - declared)
        raise MatrixError(f"{MATRIX_FILE.name}: {kind}s without a row {missing}; rows for no {kind} {stale}.")


@cache
def matrix() -> Matrix:
    """The matrix in the file, checked for what it can check alone."""
    return parse(tomllib.loads(MATRIX_FILE.read_text(encoding="utf-8")))


def parse(data: Mapping[str, Any]) -> Matrix:
    roles = {_role(name, "roles"): str(text) for name, text in data["roles"].items()}
    sees = {str(key): str(text) for key, text in data["sees"].items()}
    actions = {name: _action(name, row) for name, row in data["actions"].items()}
    queries = {name: _query(name, row, actions, sees) for name, row in data["queries"].items()}
    if set(roles) != set(MATRIX_ROLES):
        raise MatrixError(f"{MATRIX_FILE.name}: [roles] must describe {[r.value for r in MATRIX_ROLES]}.")
    fields = {str(k): FieldRule(str(v["rule"]), str(v["proven_by"])) for k, v in data.get("fields", {}).items()}
    return Matrix(roles, sees, actions, queries, fields)


def _role(name: str, where: str) -> Role:
    try:
        role = Role(name)
    except ValueError:
        role = None
    if role not in MATRIX_ROLES:
        raise MatrixError(f"{MATRIX_FILE.name}: {where} names {name!r}, not one of {[r.value for r in MATRIX_ROLES]}.")
    return role


def _roles(names: Iterable[str], where: str) -> frozenset[Role]:
    return frozenset(_role(name, where) for name in names)


def _action(name: str, row: Mapping[str, Any]) -> ActionRow:
    roles, own_account = _roles(row["roles"], name), bool(row.get("own_account", False))
    if roles & EDITS_NOTHING and not own_account:
        raise MatrixError(f"{name}: a viewer or an auditor only reads, but for their own account.")
    return ActionRow(roles, tuple(row.get("mutations", ())), own_account)


def _query(name: str, row: Mapping[str, Any], actions: Mapping[str, ActionRow], sees: Mapping[str, str]) -> QueryRow:
    action = row.get("action")
    if action is not None and action not in actions:
        raise MatrixError(f"query {name} follows {action!r}, which has no row.")
    if row.get("sees") not in sees:
        raise MatrixError(f"query {name} sees {row.get('sees')!r}, not one of {sorted(sees)}.")
    roles = actions[action].roles if action is not None else _roles(row["roles"], name)
    return QueryRow(roles, row["sees"], action)
