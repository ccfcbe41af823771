"""The application: every command of the product, composed from the features' command services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_type_hints
from uuid import UUID

from domain.assessment.handlers import HANDLERS as ASSESSMENT_HANDLERS
from domain.feedback.handlers import HANDLERS as FEEDBACK_HANDLERS
from domain.legacy_topics import register_legacy_topics
from domain.organisations.handlers import HANDLERS as ORGANISATIONS_HANDLERS
from domain.organisations.organisation import Organisation
from domain.programme.service import ProgrammeCommands
from domain.programme_template.template import ProgrammeTemplate
from domain.shared.errors import ValidationFailed
from domain.shared.service import CommandService, Saved
from domain.tenancy.account import Account, Role
from domain.tenancy.consultancy import Consultancy
from domain.tenancy.handlers import HANDLERS as TENANCY_HANDLERS
from domain.tenancy.service import TenancyCommands

__all__ = ["Cordee", "Saved"]

register_legacy_topics()


class Cordee(TenancyCommands, ProgrammeCommands):
    """The event store is chosen by the environment given at construction."""

    def handle(self, cmd: object) -> Saved:
        """Runs the command by its type: the one entry of every command."""
        handler = HANDLERS.get(type(cmd))
        if handler is None:
            raise TypeError(f"No handler for {type(cmd).__name__}.")
        return handler(self, cmd)

    def _check_coach(self, tenant_id: UUID, coach_id: UUID, field: str) -> None:
        coach = self.get(Account, tenant_id, coach_id, field)
        if not coach.has_role(Role.COACH):
            raise ValidationFailed(field, "This account is not a coach.")

    def _cluster_size_limit(self, tenant_id: UUID) -> int | None:
        return self.get(Consultancy, tenant_id, tenant_id, "tenant_id").cluster_size_limit

    def _current_template(self, tenant_id: UUID) -> ProgrammeTemplate:
        return self.get(Consultancy, tenant_id, tenant_id, "tenant_id").template

    def check_organisation(self, tenant_id: UUID, organisation_id: UUID) -> None:
        self.get(Organisation, tenant_id, organisation_id, "organisation_id")


def _handlers(application: type[CommandService]) -> dict[type, Callable[[Any, Any], Saved]]:
    """Each public method taking one command, by the command's type."""
    handlers: dict[type, Callable[[Any, Any], Saved]] = {}
    for name in dir(application):
        method = getattr(application, name)
        if name.startswith("_") or not callable(method) or name == "handle":
            continue
        hints = get_type_hints(method) if hasattr(method, "__annotations__") else {}
        if hints.get("return") is Saved and "cmd" in hints:
            handlers[hints["cmd"]] = method
    return handlers


HANDLERS = {
    **_handlers(Cordee),
    **TENANCY_HANDLERS,
    **ORGANISATIONS_HANDLERS,
    **FEEDBACK_HANDLERS,
    **ASSESSMENT_HANDLERS,
}
"""The registries of tenancy, organisations, feedback and assessment are explicit; the other programme
commands are still found from the methods that take one command."""
