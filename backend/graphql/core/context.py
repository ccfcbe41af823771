"""What every resolver can reach: the services and the principal of the request (None when signed out)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from strawberry.fastapi import BaseContext

from backend.auth.principal import Principal
from backend.graphql.core.idempotency import IdempotencyStore
from backend.policy import scope_for
from backend.services import Services
from projections.queries import Scope


class Context(BaseContext):
    def __init__(
        self,
        services: Services,
        principal: Principal | None,
        request_id: str,
        idempotency_key: str | None = None,
        idempotency_store: IdempotencyStore | None = None,
        session_token: str | None = None,
    ) -> None:
        super().__init__()
        self.live_services = services
        self.principal = principal
        self.request_id = request_id
        self.idempotency_key = idempotency_key
        self.idempotency_store = idempotency_store
        self.saved_something = False
        self.session_token = session_token
        """The session cookie the request came with, kept when the viewer's other sessions are ended."""
        self.bearer = False
        """The request came with an `Authorization` header: an API client, never a session's cookie."""
        self.as_of: datetime | None = None
        """The moment the operation reads the registers as of: set by a page (`?as_of=`) or by its `asOf`."""
        self._history: Services | None = None

    @property
    def services(self) -> Services:
        """The services; reading history, a view of them whose queries read the registers as of the moment, so
        every resolver reads the past through the same queries and the same visibility filter."""
        return self._history or self.live_services

    def read_history(self, moment: datetime, services: Services) -> None:
        """From now on, the operation reads the registers as recorded at `moment`, through `services`."""
        self.as_of = moment
        self._history = services

    def note_saved(self) -> None:
        """A command of this request wrote events: a retry with its idempotency key must not write again."""
        self.saved_something = True

    @property
    def signed_in(self) -> Principal:
        """The principal; fields are guarded by `IsAuthenticated`, so a missing one is a programming error."""
        if self.principal is None:
            raise PermissionError("No principal in an authenticated field")
        if self.as_of is not None and not self.principal.reads_history:
            self.principal = replace(self.principal, reads_history=True)  # history is read-only
        return self.principal

    @property
    def scope(self) -> Scope:
        return scope_for(self.signed_in)
