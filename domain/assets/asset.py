"""An asset of an organisation's inventory: what it is, who owns it, where it is, what it depends on, how it is
classified. Retiring an asset is a correction with a reason: it stays in the inventory's history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from eventsourcing.domain import event

from domain.assets.rules import KINDS, can_change_asset, needs_reason_to_classify
from domain.assets.scales import DIMENSIONS, ScaleSet
from domain.shared.aggregate import TenantAggregate
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line

ASSET_NAME_MAX_LENGTH = NAME_MAX_LENGTH
OWNER_MAX_LENGTH = NAME_MAX_LENGTH
LOCATION_MAX_LENGTH = NAME_MAX_LENGTH
DESCRIPTION_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Description:
    """What an asset is, as its inventory shows it; the owner is a person's name or a role."""

    name: str
    kind: str
    owner: str
    location: str
    description: str

    @classmethod
    def checked(cls, name: str, kind: str, owner: str, location: str | None, description: str | None) -> Description:
        """The description, cleaned; refused on the first field at fault."""
        fields, problems = cls.each_field(name, kind, owner, location, description)
        if problems:
            raise problems[0]
        return cls(**fields)

    @staticmethod
    def each_field(
        name: str, kind: str, owner: str, location: str | None, description: str | None
    ) -> tuple[dict[str, str], list[ValidationFailed]]:
        """Every field checked: the cleaned ones, and the problem of each field at fault (an import lists them all)."""
        checks: dict[str, Callable[[], str]] = {
            "name": lambda: single_line("name", name, ASSET_NAME_MAX_LENGTH),
            "kind": lambda: _kind(kind),
            "owner": lambda: single_line("owner", owner, OWNER_MAX_LENGTH),
            "location": lambda: single_line("location", location, LOCATION_MAX_LENGTH, required=False),
            "description": lambda: multi_line("description", description, DESCRIPTION_MAX_LENGTH, required=False),
        }
        fields: dict[str, str] = {}
        problems: list[ValidationFailed] = []
        for field, check in checks.items():
            try:
                fields[field] = check()
            except ValidationFailed as problem:
                problems.append(problem)
        return fields, problems


@dataclass(frozen=True)
class Classification:
    """Confidentiality, integrity and availability, each a level of the scale version named."""

    confidentiality: int
    integrity: int
    availability: int
    scale_version: int

    @classmethod
    def checked(cls, scales: ScaleSet, confidentiality: int, integrity: int, availability: int) -> Classification:
        values = {"confidentiality": confidentiality, "integrity": integrity, "availability": availability}
        for dimension in DIMENSIONS:
            scales.check(dimension, values[dimension])
        return cls(confidentiality, integrity, availability, scales.version)


def _kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValidationFailed("kind", f"Choose one of: {', '.join(KINDS)}.")
    return kind


class Asset(TenantAggregate):
    @classmethod
    def register(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        asset_id: UUID,
        organisation_id: UUID,
        described: Description,
        classification: Classification | None = None,
        source: tuple[UUID, int] | None = None,
    ) -> Asset:
        """A new asset, classified at once when the classification is given (as an import does); `source` is the
        library item and version it was copied from."""
        c = classification
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            asset_id=asset_id,
            organisation_id=organisation_id,
            name=described.name,
            kind=described.kind,
            owner=described.owner,
            location=described.location,
            description=described.description,
            confidentiality=c.confidentiality if c else None,
            integrity=c.integrity if c else None,
            availability=c.availability if c else None,
            scale_version=c.scale_version if c else None,
            source_library_item=str(source[0]) if source else None,
            source_library_version=source[1] if source else None,
        )

    @staticmethod
    def create_id(asset_id: UUID, **_: object) -> UUID:
        return asset_id

    @event("Registered")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        asset_id: UUID,
        organisation_id: UUID,
        name: str,
        kind: str,
        owner: str,
        location: str,
        description: str,
        confidentiality: int | None,
        integrity: int | None,
        availability: int | None,
        scale_version: int | None,
        source_library_item: str | None = None,
        source_library_version: int | None = None,
    ) -> None:
        # The source fields came in December 2026 with the library; older events have none, and load as copies of
        # nothing (their defaults), with no upcaster.
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.described = Description(name, kind, owner, location, description)
        self.classification = (
            None
            if scale_version is None
            else Classification(confidentiality or 0, integrity or 0, availability or 0, scale_version)
        )
        self.depends_on: set[UUID] = set()
        self.retired = False

    def describe(self, actor_id: UUID, described: Description) -> bool:
        """Changes what the asset is; answers whether anything changed (nothing is written otherwise)."""
        self._check_active()
        if described == self.described:
            return False
        self._described(
            actor_id, described.name, described.kind, described.owner, described.location, described.description
        )
        return True

    @event("Described")
    def _described(self, actor_id: UUID, name: str, kind: str, owner: str, location: str, description: str) -> None:
        self.described = Description(name, kind, owner, location, description)

    def classify(self, actor_id: UUID, classification: Classification, reason: str | None) -> None:
        """Classifies the asset; a reclassification says why."""
        self._check_active()
        if needs_reason_to_classify(self.classification is not None):
            reason = multi_line("reason", reason, REASON_MAX_LENGTH)
        else:
            reason = multi_line("reason", reason, REASON_MAX_LENGTH, required=False) or None
        if classification == self.classification:
            raise ValidationFailed("confidentiality", "The asset is already classified so.")
        c = classification
        self._classified(actor_id, c.confidentiality, c.integrity, c.availability, c.scale_version, reason)

    @event("Classified")
    def _classified(
        self,
        actor_id: UUID,
        confidentiality: int,
        integrity: int,
        availability: int,
        scale_version: int,
        reason: str | None,
    ) -> None:
        self.classification = Classification(confidentiality, integrity, availability, scale_version)

    def add_dependency(self, actor_id: UUID, target: Asset, creates_cycle: bool) -> None:
        """This asset depends on `target` (a service runs on a server), another asset of the same organisation."""
        self._check_active()
        if target.id == self.id:
            raise ValidationFailed("depends_on_id", "An asset cannot depend on itself.")
        if target.organisation_id != self.organisation_id:
            raise ValidationFailed("depends_on_id", "Link assets of the same organisation only.")
        if target.retired:
            raise ValidationFailed("depends_on_id", "That asset is retired.")
        if target.id in self.depends_on:
            raise ValidationFailed("depends_on_id", "This asset already depends on that one.")
        if creates_cycle:
            raise ValidationFailed("depends_on_id", "That asset already depends on this one: no loop allowed.")
        self._dependency_added(actor_id, target.id)

    @event("DependencyAdded")
    def _dependency_added(self, actor_id: UUID, depends_on_id: UUID) -> None:
        self.depends_on.add(depends_on_id)

    def remove_dependency(self, actor_id: UUID, depends_on_id: UUID, reason: str | None) -> None:
        self._check_active()
        if depends_on_id not in self.depends_on:
            raise ValidationFailed("depends_on_id", "This asset does not depend on that one.")
        reason = multi_line("reason", reason, REASON_MAX_LENGTH, required=False) or None
        self._dependency_removed(actor_id, depends_on_id, reason)

    @event("DependencyRemoved")
    def _dependency_removed(self, actor_id: UUID, depends_on_id: UUID, reason: str | None) -> None:
        self.depends_on.discard(depends_on_id)

    def retire(self, actor_id: UUID, reason: str) -> None:
        """Takes the asset out of the inventory, saying why; its history stays."""
        self._check_active()
        self._retired(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Retired")
    def _retired(self, actor_id: UUID, reason: str) -> None:
        self.retired = True

    def _check_active(self) -> None:
        if not can_change_asset(self.retired):
            raise ValidationFailed("asset_id", "This asset is retired: it is kept as it was.")
