"""What every resolver can reach: the services and the principal of the request (None when signed out)."""

from __future__ import annotations

from strawberry.fastapi import BaseContext

from backend.auth.principal import Principal
from backend.policy import scope_for
from backend.services import Services
from projections.queries import Scope


class Context(BaseContext):
    def __init__(self, services: Services, principal: Principal | None, request_id: str) -> None:
        super().__init__()
        self.services = services
        self.principal = principal
        self.request_id = request_id

    @property
    def signed_in(self) -> Principal:
        """The principal; fields are guarded by `IsAuthenticated`, so a missing one is a programming error."""
        if self.principal is None:
            raise PermissionError("No principal in an authenticated field")
        return self.principal

    @property
    def scope(self) -> Scope:
        return scope_for(self.signed_in)
