"""Field guards. What a signed-in principal may do is decided in `backend.policy`; this only requires one, and keeps
a labelling body's staff and professionals, who belong to no consultancy, to the operations the authorization
matrix gives their roles: every other is refused them before its resolver reads any consultancy."""

from __future__ import annotations

from typing import Any, ClassVar

from strawberry.permission import BasePermission
from strawberry.types import Info

from backend.authorization import matrix
from domain.shared.errors import Forbidden
from domain.tenancy.account import REALM_ROLES

SEES_NO_CONSULTANCY = "You may see nothing of any consultancy."


class OutsideTheirRealm(Forbidden):
    """An operation of a consultancy asked by someone of a labelling body or of the professionals' realm."""

    extensions: ClassVar[dict[str, str]] = {"code": "FORBIDDEN"}


class IsAuthenticated(BasePermission):
    message = "Sign in first."
    error_extensions = {"code": "UNAUTHENTICATED"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        principal = info.context.principal
        if principal is None:
            return False
        if principal.roles & REALM_ROLES and info.path.prev is None:  # a root field
            _refuse_outside_their_realm(info, principal.roles)
        return True


def _refuse_outside_their_realm(info: Info, roles: frozenset[Any]) -> None:
    """A query the matrix does not give their roles is refused outright; a mutation answers its own typed refusal,
    by its action's row, from the one command path."""
    if info.path.typename == "Mutation":
        return
    query = matrix().queries.get(info.field_name)
    if query is None or not query.roles & roles:
        raise OutsideTheirRealm(SEES_NO_CONSULTANCY)


AUTHENTICATED: list[type[BasePermission]] = [IsAuthenticated]
"""The guard of every field: the policy decides the rest."""
