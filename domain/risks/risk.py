"""A risk of an organisation: what could happen (threat, vulnerability, assets), who owns it, how likely and how
harmful it is on the consultancy's method, how it is treated, and its owner's acceptance of what remains.

Every assessment and treatment is a new event: the earlier values stay in the risk's history. A new assessment or
treatment asks for a new acceptance. Closing a risk is a correction with a reason: it stays in the register's
history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.catalogues.library import shipped
from domain.risks.method import RiskMethod
from domain.risks.rules import (
    OPTIONS,
    Status,
    can_accept,
    can_change_risk,
    can_treat,
    is_owner,
    may_decide_for_management,
)
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import not_in_the_past
from domain.shared.errors import Forbidden, ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line

TITLE_MAX_LENGTH = NAME_MAX_LENGTH
SCENARIO_MAX_LENGTH = 2000
CONTROL_NAME_MAX_LENGTH = NAME_MAX_LENGTH
MAX_ASSETS = 50
MAX_CONTROLS = 50


@dataclass(frozen=True)
class Scenario:
    """What could happen: a title, the threat and the vulnerability it exploits."""

    title: str
    threat: str
    vulnerability: str

    @classmethod
    def checked(cls, title: str, threat: str, vulnerability: str) -> Scenario:
        return cls(
            single_line("title", title, TITLE_MAX_LENGTH),
            multi_line("threat", threat, SCENARIO_MAX_LENGTH),
            multi_line("vulnerability", vulnerability, SCENARIO_MAX_LENGTH),
        )


@dataclass(frozen=True)
class LibrarySource:
    """The consultancy library's scenario a risk was copied from, and its version."""

    item: str
    version: int

    @classmethod
    def checked(cls, item: UUID | None, version: int | None) -> LibrarySource | None:
        if item is None and version is None:
            return None
        if item is None:
            raise ValidationFailed("source_library_item", "Name the library item the version belongs to.")
        if version is None or version < 1:
            raise ValidationFailed("source_library_version", "Give the library item's version: 1 or more.")
        return cls(str(item), version)


@dataclass(frozen=True)
class Treatment:
    """The option chosen, the controls chosen (catalogue refs `catalogue:control` and the organisation's own named
    controls) and what remains: the residual likelihood, impact and level, on the method version named."""

    option: str
    catalogue_controls: tuple[str, ...]
    own_controls: tuple[str, ...]
    residual_likelihood: int
    residual_impact: int
    residual_level: int
    method_version: int

    @classmethod
    def checked(
        cls,
        method: RiskMethod,
        option: str,
        catalogue_controls: tuple[str, ...],
        own_controls: tuple[str, ...],
        residual_likelihood: int,
        residual_impact: int,
    ) -> Treatment:
        if option not in OPTIONS:
            raise ValidationFailed("option", f"Choose one of: {', '.join(OPTIONS)}.")
        likelihood = method.check("residual_likelihood", "likelihood", residual_likelihood)
        impact = method.check("residual_impact", "impact", residual_impact)
        return cls(
            option,
            checked_controls(catalogue_controls),
            checked_own_controls(own_controls),
            likelihood,
            impact,
            method.level(likelihood, impact),
            method.version,
        )


def checked_controls(given: tuple[str, ...]) -> tuple[str, ...]:
    """Refs `catalogue:control` of a shipped catalogue's controls, each once, in the order given."""
    if len(given) > MAX_CONTROLS:
        raise ValidationFailed("controls", f"Choose at most {MAX_CONTROLS} controls.")
    found: list[str] = []
    for ref in given:
        catalogue_id, _, control_id = ref.strip().partition(":")
        catalogue = shipped().catalogue(catalogue_id)
        if catalogue is None or catalogue.control(control_id) is None:
            raise ValidationFailed(
                "controls", f"No control {ref!r} in the catalogues (write it as iso27001-2022:5.15)."
            )
        if f"{catalogue_id}:{control_id}" not in found:
            found.append(f"{catalogue_id}:{control_id}")
    return tuple(found)


def checked_own_controls(given: tuple[str, ...]) -> tuple[str, ...]:
    if len(given) > MAX_CONTROLS:
        raise ValidationFailed("own_controls", f"Name at most {MAX_CONTROLS} controls.")
    names = [single_line("own_controls", name, CONTROL_NAME_MAX_LENGTH) for name in given]
    return tuple(dict.fromkeys(names))


class Risk(TenantAggregate):
    @classmethod
    def identify(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        risk_id: UUID,
        organisation_id: UUID,
        scenario: Scenario,
        owner_id: UUID,
        asset_ids: tuple[UUID, ...],
        source: LibrarySource | None = None,
    ) -> Risk:
        """A new risk; its owner an account of the organisation, its assets of the organisation (the handler checks
        both)."""
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            risk_id=risk_id,
            organisation_id=organisation_id,
            title=scenario.title,
            threat=scenario.threat,
            vulnerability=scenario.vulnerability,
            owner_id=owner_id,
            asset_ids=list(checked_assets(asset_ids)),
            source_library_item=source.item if source else None,
            source_library_version=source.version if source else None,
        )

    @staticmethod
    def create_id(risk_id: UUID, **_: object) -> UUID:
        return risk_id

    @event("Identified")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        risk_id: UUID,
        organisation_id: UUID,
        title: str,
        threat: str,
        vulnerability: str,
        owner_id: UUID,
        asset_ids: list[UUID],
        source_library_item: str | None,
        source_library_version: int | None,
    ) -> None:
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.scenario = Scenario(title, threat, vulnerability)
        self.owner_id = owner_id
        self.asset_ids = tuple(asset_ids)
        self.level: int | None = None
        self.treatment: Treatment | None = None
        self.management_decided = False
        self.accepted_until: date | None = None
        self.status = Status.IDENTIFIED

    def describe(
        self, actor_id: UUID, scenario: Scenario, owner_id: UUID, asset_ids: tuple[UUID, ...], reason: str | None
    ) -> None:
        """Changes what the risk is, whom it belongs to and what it concerns, saying why."""
        self._check_open()
        assets = checked_assets(asset_ids)
        reason = multi_line("reason", reason, REASON_MAX_LENGTH)
        if (scenario, owner_id, assets) == (self.scenario, self.owner_id, self.asset_ids):
            raise ValidationFailed("title", "Nothing is changed.")
        s = scenario
        self._described(actor_id, s.title, s.threat, s.vulnerability, owner_id, list(assets), reason)

    @event("Described")
    def _described(
        self,
        actor_id: UUID,
        title: str,
        threat: str,
        vulnerability: str,
        owner_id: UUID,
        asset_ids: list[UUID],
        reason: str,
    ) -> None:
        self.scenario = Scenario(title, threat, vulnerability)
        if owner_id != self.owner_id:
            self._ask_acceptance_again()
        self.owner_id = owner_id
        self.asset_ids = tuple(asset_ids)

    def assess(self, actor_id: UUID, method: RiskMethod, likelihood: int, impact: int, reason: str | None) -> None:
        """Likelihood and impact on the method's scales, the level from its matrix; a re-assessment says why."""
        self._check_open()
        likelihood = method.check("likelihood", "likelihood", likelihood)
        impact = method.check("impact", "impact", impact)
        required = self.level is not None
        reason = multi_line("reason", reason, REASON_MAX_LENGTH, required=required) or None
        level = method.level(likelihood, impact)
        self._assessed(actor_id, likelihood, impact, level, method.label(level), method.version, reason)

    @event("Assessed")
    def _assessed(
        self,
        actor_id: UUID,
        likelihood: int,
        impact: int,
        level: int,
        level_label: str,
        method_version: int,
        reason: str | None,
    ) -> None:
        self.level = level
        self._ask_acceptance_again()
        self.status = Status.TREATED if self.treatment else Status.ASSESSED

    def treat(self, actor_id: UUID, treatment: Treatment, method: RiskMethod, reason: str | None) -> None:
        """The option, the controls and what remains; a risk is treated once assessed."""
        self._check_open()
        if not can_treat(self.status):
            raise ValidationFailed("option", "Assess the risk before treating it.")
        reason = multi_line("reason", reason, REASON_MAX_LENGTH, required=False) or None
        t = treatment
        self._treated(
            actor_id,
            t.option,
            list(t.catalogue_controls),
            list(t.own_controls),
            t.residual_likelihood,
            t.residual_impact,
            t.residual_level,
            method.label(t.residual_level),
            t.method_version,
            reason,
        )

    @event("Treated")
    def _treated(
        self,
        actor_id: UUID,
        option: str,
        catalogue_controls: list[str],
        own_controls: list[str],
        residual_likelihood: int,
        residual_impact: int,
        residual_level: int,
        residual_level_label: str,
        method_version: int,
        reason: str | None,
    ) -> None:
        self.treatment = Treatment(
            option,
            tuple(catalogue_controls),
            tuple(own_controls),
            residual_likelihood,
            residual_impact,
            residual_level,
            method_version,
        )
        self._ask_acceptance_again()
        self.status = Status.TREATED

    def decide_for_management(self, actor_id: UUID, method: RiskMethod, reason: str) -> None:
        """Management lets a residual level above the acceptance criteria be accepted, saying why."""
        self._check_open()
        if self.treatment is None or not can_accept(self.status):
            raise ValidationFailed("risk_id", "Treat the risk first: management decides on what remains.")
        if not method.needs_management(self.treatment.residual_level):
            raise ValidationFailed("risk_id", "Its owner may accept this level alone: no decision is needed.")
        if self.management_decided:
            raise ValidationFailed("risk_id", "Management has already decided on this treatment.")
        if not may_decide_for_management(actor_id, self.owner_id):
            raise Forbidden("The risk's owner may not record management's decision on it: someone else records it.")
        self._management_decided(
            actor_id, self.treatment.residual_level, multi_line("reason", reason, REASON_MAX_LENGTH)
        )

    @event("ManagementDecided")
    def _management_decided(self, actor_id: UUID, residual_level: int, reason: str) -> None:
        self.management_decided = True

    def accept(self, actor_id: UUID, method: RiskMethod, reason: str, until: date) -> None:
        """Its owner accepts what remains, saying why and until when; above the acceptance criteria, only once
        management has decided."""
        self._check_open()
        if not is_owner(actor_id, self.owner_id):
            raise Forbidden("Only the risk's owner may accept it.")
        if self.treatment is None or not can_accept(self.status):
            raise ValidationFailed("risk_id", "Treat the risk first: its owner accepts what remains.")
        level = self.treatment.residual_level
        if method.needs_management(level) and not self.management_decided:
            raise ValidationFailed(
                "management_decision",
                f"A {method.label(level).lower()} risk is above the acceptance criteria: "
                "record management's decision first.",
            )
        reason = multi_line("reason", reason, REASON_MAX_LENGTH)
        self._accepted(actor_id, level, reason, not_in_the_past("until", until, "an acceptance"))

    @event("Accepted")
    def _accepted(self, actor_id: UUID, residual_level: int, reason: str, until: date) -> None:
        self.accepted_until = until
        self.status = Status.ACCEPTED

    def close(self, actor_id: UUID, reason: str) -> None:
        """Takes the risk out of the register, saying why; its history stays."""
        self._check_open()
        self._closed(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Closed")
    def _closed(self, actor_id: UUID, reason: str) -> None:
        self.status = Status.CLOSED

    def _ask_acceptance_again(self) -> None:
        self.management_decided = False
        self.accepted_until = None
        if self.status == Status.ACCEPTED:
            self.status = Status.TREATED

    def _check_open(self) -> None:
        if not can_change_risk(self.status):
            raise ValidationFailed("risk_id", "This risk is closed: it is kept as it was.")


def checked_assets(asset_ids: tuple[UUID, ...]) -> tuple[UUID, ...]:
    if len(asset_ids) > MAX_ASSETS:
        raise ValidationFailed("asset_ids", f"Name at most {MAX_ASSETS} assets.")
    return tuple(dict.fromkeys(asset_ids))
