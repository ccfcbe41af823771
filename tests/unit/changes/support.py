"""An organisation with three member accounts (Olga the owner, Ben and Cleo), a second organisation with its own
member account, on an in-memory application."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from domain.application import Cordee
from domain.changes.commands import FileChange
from domain.organisations.commands import RegisterOrganisation
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role
from domain.tenancy.commands import CreateConsultancy, OpenAccount

TODAY = date(2026, 5, 4)


@dataclass
class Shop:
    app: Cordee = field(default_factory=Cordee)

    def __post_init__(self) -> None:
        self.tenant = self.app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
        self.organisation = self._organisation("Muller")
        self.other = self._organisation("Keller")
        self.olga, self.ben, self.cleo = (self._member(name, self.organisation) for name in ("Olga", "Ben", "Cleo"))
        self.stranger = self._member("Sven", self.other)

    def _organisation(self, name: str) -> UUID:
        return self.app.handle(RegisterOrganisation(self.tenant, SYSTEM_ACTOR, name, "Retail", 9)).aggregate_id

    def _member(self, name: str, organisation: UUID) -> UUID:
        email = f"{name.lower()}@{str(organisation)[:8]}.example"
        opened = OpenAccount(self.tenant, SYSTEM_ACTOR, email, name, "$argon2id$x", (Role.MEMBER,), organisation)
        return self.app.handle(opened).aggregate_id

    def mine(self, actor: UUID) -> tuple[UUID, UUID, UUID]:
        return self.tenant, actor, self.organisation

    def filing(self, category: str = "normal", **changed: Any) -> FileChange:
        given: dict[str, Any] = {
            "owner_id": self.olga,
            "initiator": "Service desk",
            "hostname": "db-1.muller.example",
            "description": "Raise the connection limit",
            "category": category,
            "risk": "medium",
            "cause": "Ticket volume at month end",
            "configuration": "max_connections = 400",
        }
        return FileChange(*self.mine(self.olga), **(given | changed))

    def position(self) -> int:
        return self.app.recorder.max_notification_id() or 0
