"""The labelling body's scheme: the training, the exam, the evaluation requirements in the four categories, the
label's validity and the conditions of its renewal.

A scheme is versioned: publishing it again makes a new version, every version is kept, and a candidate's track
keeps the version current when they enrolled, so a new version never changes the requirements of a track under way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any
from uuid import UUID

from eventsourcing.domain import event

from domain.labels.rules import CATEGORIES
from domain.shared.aggregate import TenantAggregate, tenant_scoped_id
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, count_between, multi_line, single_line

TRAINING_TITLE_MAX_LENGTH = NAME_MAX_LENGTH
REQUIREMENT_KEY_MAX_LENGTH = 64
REQUIREMENT_TEXT_MAX_LENGTH = 1000
MAX_REQUIREMENTS_PER_CATEGORY = 30
TRAINING_HOURS = (1, 1000)
PASS_MARK = (1, 100)
MAXIMUM_ATTEMPTS = (1, 10)
VALIDITY_MONTHS = (1, 120)
RENEWAL_MISSIONS = (0, 100)
RENEWAL_DAYS = (0, 1000)
_KEY = re.compile("[a-z0-9][a-z0-9_-]*")
"""A requirement's key: lower-case letters, digits, `_` and `-`, as it appears in a credential's results."""


@dataclass(frozen=True)
class RequirementGiven:
    """One evaluation requirement as the labelling body gives it: its category, a key and what it asks."""

    category: str
    key: str
    text: str


@dataclass(frozen=True)
class SchemeGiven:
    """A version of the scheme as the labelling body gives it. A renewal condition of 0 asks nothing."""

    training_title: str
    training_minimum_hours: int
    pass_mark: int
    """The exam's pass mark, in percent."""
    maximum_attempts: int
    requirements: tuple[RequirementGiven, ...]
    validity_months: int
    renewal_missions: int
    """Missions coached since the grant (or the last renewal) that a renewal needs, at least."""
    renewal_days: int = 0
    """Days of coaching attested for those missions that a renewal needs, at least."""


@dataclass(frozen=True)
class Requirement:
    category: str
    key: str
    text: str


@dataclass(frozen=True)
class SchemeVersion:
    """One published version of the scheme, as a track is evaluated against it."""

    version: int
    training_title: str
    training_minimum_hours: int
    pass_mark: int
    maximum_attempts: int
    requirements: tuple[Requirement, ...]
    validity_months: int
    renewal_missions: int
    renewal_days: int

    def requirements_of(self, category: str) -> tuple[Requirement, ...]:
        return tuple(requirement for requirement in self.requirements if requirement.category == category)


def checked_scheme(given: SchemeGiven, version: int) -> SchemeVersion:
    """The version, once every number is in its range and each category has its requirements."""
    return SchemeVersion(
        version,
        single_line("scheme.training_title", given.training_title, TRAINING_TITLE_MAX_LENGTH),
        count_between("scheme.training_minimum_hours", given.training_minimum_hours, *TRAINING_HOURS),
        count_between("scheme.pass_mark", given.pass_mark, *PASS_MARK),
        count_between("scheme.maximum_attempts", given.maximum_attempts, *MAXIMUM_ATTEMPTS),
        checked_requirements(given.requirements),
        count_between("scheme.validity_months", given.validity_months, *VALIDITY_MONTHS),
        count_between("scheme.renewal_missions", given.renewal_missions, *RENEWAL_MISSIONS),
        count_between("scheme.renewal_days", given.renewal_days, *RENEWAL_DAYS),
    )


def checked_requirements(given: Iterable[RequirementGiven]) -> tuple[Requirement, ...]:
    """Each requirement in one of the four categories, with a key of its own in the scheme and a text; at least
    one per category, at most 30."""
    requirements: list[Requirement] = []
    keys: set[str] = set()
    counts = dict.fromkeys(CATEGORIES, 0)
    for one in given:
        if one.category not in CATEGORIES:
            raise ValidationFailed("scheme.requirements.category", f"Choose one of: {', '.join(CATEGORIES)}.")
        counts[one.category] += 1
        if counts[one.category] > MAX_REQUIREMENTS_PER_CATEGORY:
            raise ValidationFailed(
                "scheme.requirements",
                f"Give {one.category.replace('_', ' ')} 1 to {MAX_REQUIREMENTS_PER_CATEGORY} requirements.",
            )
        key = single_line("scheme.requirements.key", one.key, REQUIREMENT_KEY_MAX_LENGTH)
        if not _KEY.fullmatch(key):
            raise ValidationFailed("scheme.requirements.key", "Write the key in lower-case letters, digits, _ and -.")
        if key in keys:
            raise ValidationFailed("scheme.requirements.key", f"The key {key!r} is given twice.")
        keys.add(key)
        text = multi_line("scheme.requirements.text", one.text, REQUIREMENT_TEXT_MAX_LENGTH)
        requirements.append(Requirement(one.category, key, text))
    for category in CATEGORIES:
        if not 1 <= counts[category] <= MAX_REQUIREMENTS_PER_CATEGORY:
            raise ValidationFailed(
                "scheme.requirements",
                f"Give {category.replace('_', ' ')} 1 to {MAX_REQUIREMENTS_PER_CATEGORY} requirements.",
            )
    return tuple(requirements)


def scheme_id(tenant_id: UUID) -> UUID:
    """The labelling body's one scheme."""
    return tenant_scoped_id(tenant_id, "label-scheme", "labelling-body")


class LabelScheme(TenantAggregate):
    """The labelling body's scheme, every version kept, numbered from 1."""

    @classmethod
    def publish_first(cls, tenant_id: UUID, actor_id: UUID, given: SchemeGiven) -> LabelScheme:
        return cls(tenant_id=tenant_id, actor_id=actor_id, **stored(checked_scheme(given, 1)))

    @staticmethod
    def create_id(tenant_id: UUID, **_: object) -> UUID:
        return scheme_id(tenant_id)

    @event("Published")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        training_title: str,
        training_minimum_hours: int,
        pass_mark: int,
        maximum_attempts: int,
        requirements: list[list[str]],
        validity_months: int,
        renewal_missions: int,
        renewal_days: int,
    ) -> None:
        self.tenant_id = tenant_id
        self.versions: dict[int, SchemeVersion] = {}
        self._add(
            training_title=training_title,
            training_minimum_hours=training_minimum_hours,
            pass_mark=pass_mark,
            maximum_attempts=maximum_attempts,
            requirements=requirements,
            validity_months=validity_months,
            renewal_missions=renewal_missions,
            renewal_days=renewal_days,
        )

    def publish(self, actor_id: UUID, given: SchemeGiven) -> None:
        """A new version; the versions before it stay as they were, for the tracks that enrolled on them."""
        scheme = checked_scheme(given, self.current.version + 1)
        if stored(scheme) == stored(self.current):
            raise ValidationFailed("scheme", "This is the version already published.")
        self._version_published(actor_id, **stored(scheme))

    @event("VersionPublished")
    def _version_published(
        self,
        actor_id: UUID,
        training_title: str,
        training_minimum_hours: int,
        pass_mark: int,
        maximum_attempts: int,
        requirements: list[list[str]],
        validity_months: int,
        renewal_missions: int,
        renewal_days: int,
    ) -> None:
        self._add(
            training_title=training_title,
            training_minimum_hours=training_minimum_hours,
            pass_mark=pass_mark,
            maximum_attempts=maximum_attempts,
            requirements=requirements,
            validity_months=validity_months,
            renewal_missions=renewal_missions,
            renewal_days=renewal_days,
        )

    @property
    def current(self) -> SchemeVersion:
        return self.versions[max(self.versions)]

    def of_version(self, number: int, field: str = "scheme_version") -> SchemeVersion:
        if number not in self.versions:
            raise NotFound(f"No version {number} of the label scheme.", field)
        return self.versions[number]

    def _add(self, **scheme: Any) -> None:
        version = len(self.versions) + 1
        self.versions[version] = from_stored(version, scheme)


def stored(scheme: SchemeVersion) -> dict[str, Any]:
    """As an event stores it (JSON): the requirements as [category, key, text] lists, no version number (it is the
    event's place among the scheme's versions)."""
    fields = asdict(scheme)
    fields.pop("version")
    fields["requirements"] = [[r.category, r.key, r.text] for r in scheme.requirements]
    return fields


def from_stored(version: int, scheme: dict[str, Any]) -> SchemeVersion:
    requirements = tuple(Requirement(str(c), str(k), str(t)) for c, k, t in scheme["requirements"])
    numbers = {name: int(value) for name, value in scheme.items() if name not in {"requirements", "training_title"}}
    return SchemeVersion(version, str(scheme["training_title"]), requirements=requirements, **numbers)
