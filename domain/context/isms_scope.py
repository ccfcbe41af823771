"""The scope of the ISMS (4.3): what is in, its boundaries and interfaces, and what is left out, each exclusion with
its justification. One per organisation; every statement is a version, and a new version says why."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.context.owned import OrganisationOwned
from domain.shared.aggregate import tenant_scoped_id
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line

SCOPE_TEXT_MAX_LENGTH = 4000
JUSTIFICATION_MAX_LENGTH = 1000
MAX_EXCLUSIONS = 50


@dataclass(frozen=True)
class Exclusion:
    what: str
    justification: str


@dataclass(frozen=True)
class ScopeStatement:
    statement: str
    boundaries: str
    interfaces: str
    exclusions: tuple[Exclusion, ...] = ()

    def checked(self) -> dict[str, Any]:
        """The statement cleaned, as the event stores it; an exclusion without a justification is refused."""
        if len(self.exclusions) > MAX_EXCLUSIONS:
            raise ValidationFailed("exclusions", f"List at most {MAX_EXCLUSIONS} exclusions.")
        return {
            "statement": multi_line("statement", self.statement, SCOPE_TEXT_MAX_LENGTH),
            "boundaries": multi_line("boundaries", self.boundaries, SCOPE_TEXT_MAX_LENGTH),
            "interfaces": multi_line("interfaces", self.interfaces, SCOPE_TEXT_MAX_LENGTH),
            "exclusions": [_exclusion(n, e) for n, e in enumerate(self.exclusions)],
        }


def _exclusion(index: int, exclusion: Exclusion) -> dict[str, str]:
    what = single_line(f"exclusions.{index}.what", exclusion.what, NAME_MAX_LENGTH)
    field = f"exclusions.{index}.justification"
    justification = multi_line(field, exclusion.justification, JUSTIFICATION_MAX_LENGTH, required=False)
    if not justification:
        raise ValidationFailed(field, f"Say why {what} is left out of the scope: an exclusion needs a justification.")
    return {"what": what, "justification": justification}


def scope_id(tenant_id: UUID, organisation_id: UUID) -> UUID:
    return tenant_scoped_id(tenant_id, "isms-scope", str(organisation_id))


class IsmsScope(OrganisationOwned):
    @classmethod
    def state(cls, tenant_id: UUID, actor_id: UUID, organisation_id: UUID, statement: ScopeStatement) -> IsmsScope:
        return cls(tenant_id=tenant_id, actor_id=actor_id, organisation_id=organisation_id, **statement.checked())

    @staticmethod
    def create_id(tenant_id: UUID, organisation_id: UUID, **_: object) -> UUID:
        return scope_id(tenant_id, organisation_id)

    @event("Stated")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        organisation_id: UUID,
        statement: str,
        boundaries: str,
        interfaces: str,
        exclusions: list[dict[str, str]],
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.scope_version = 1

    def restate(self, actor_id: UUID, statement: ScopeStatement, reason: str) -> None:
        """A new version of the scope statement, saying why; earlier versions are kept."""
        checked = statement.checked()
        self._restated(
            actor_id, self.scope_version + 1, reason=multi_line("reason", reason, REASON_MAX_LENGTH), **checked
        )

    @event("Restated")
    def _restated(
        self,
        actor_id: UUID,
        scope_version: int,
        statement: str,
        boundaries: str,
        interfaces: str,
        exclusions: list[dict[str, str]],
        reason: str,
    ) -> None:
        self.scope_version = scope_version
