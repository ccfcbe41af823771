"""Field guards. What a signed-in principal may do is decided in `backend.policy`; this only requires one."""

from __future__ import annotations

from typing import Any

from strawberry.permission import BasePermission
from strawberry.types import Info


class IsAuthenticated(BasePermission):
    message = "Sign in first."
    error_extensions = {"code": "UNAUTHENTICATED"}

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return info.context.principal is not None


AUTHENTICATED: list[type[BasePermission]] = [IsAuthenticated]
"""The guard of every field: the policy decides the rest."""
