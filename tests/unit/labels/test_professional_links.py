"""The rules of who is who: a labelling body's and the realm's accounts hold their one role; a link is asked by a
consultancy for its own coach, answered once by the professional it is addressed to, ended by either side, and
asked again only once the consultancy ended its side."""

from __future__ import annotations

from uuid import UUID

import pytest

from domain.application import Cordee
from domain.labels.body import PROFESSIONALS, labelling_body_id
from domain.labels.link_commands import (
    AnswerProfessionalLink,
    CreateLabellingBody,
    EndProfessionalConsent,
    EndProfessionalLink,
    RequestProfessionalLink,
)
from domain.labels.links import link_id
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import DomainError
from domain.tenancy.account import Role, account_id
from domain.tenancy.commands import CreateConsultancy, GrantRole, OpenAccount

HASH = "$argon2id$x"
SOPHIE, MARC = "sophie@pro.example", "marc@pro.example"


class World:
    def __init__(self) -> None:
        self.app = app = Cordee()
        self.alpine = app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
        self.harbour = app.handle(CreateConsultancy(SYSTEM_ACTOR, "Harbour", "harbour")).aggregate_id
        self.body = app.handle(CreateLabellingBody(SYSTEM_ACTOR, "Label Board", "label-board")).aggregate_id
        self.coach = self.open(self.alpine, "coach@alpine.example", Role.COACH)
        self.admin = self.open(self.alpine, "admin@alpine.example", Role.CONSULTANCY_ADMIN)
        self.harbour_coach = self.open(self.harbour, "coach@harbour.example", Role.COACH)
        self.sophie = self.open(PROFESSIONALS, SOPHIE, Role.PROFESSIONAL)
        self.marc = self.open(PROFESSIONALS, MARC, Role.PROFESSIONAL)

    def open(self, tenant: UUID, email: str, role: Role) -> UUID:
        return self.app.handle(
            OpenAccount(tenant, SYSTEM_ACTOR, email, email.split("@", maxsplit=1)[0], HASH, (role,))
        ).aggregate_id

    def ask(self, email: str = SOPHIE) -> UUID:
        return self.app.handle(RequestProfessionalLink(self.alpine, self.admin, self.coach, email)).aggregate_id

    def refused(self, command: object) -> DomainError:
        with pytest.raises(DomainError) as refusal:
            self.app.handle(command)
        return refusal.value


def test_each_tenant_s_accounts_hold_its_own_roles_only() -> None:
    world = World()
    assert world.body == labelling_body_id("label-board")
    cases = [
        (world.body, Role.COACH),
        (PROFESSIONALS, Role.CONSULTANCY_ADMIN),
        (world.alpine, Role.PROFESSIONAL),
        (world.alpine, Role.LABELLING_BODY),
    ]
    for tenant, role in cases:
        error = world.refused(OpenAccount(tenant, SYSTEM_ACTOR, "new@example.org", "New", HASH, (role,)))
        assert error.field == "roles", (tenant, role)
    grant = GrantRole(world.alpine, SYSTEM_ACTOR, world.coach, UUID(int=1), Role.PROFESSIONAL)
    assert world.refused(grant).field == "role"
    assert world.refused(CreateLabellingBody(SYSTEM_ACTOR, "Again", "label-board")).code == "CONFLICT"


def test_a_consultancy_asks_only_for_its_own_coach() -> None:
    world = World()
    for coach in (world.harbour_coach, world.admin, world.sophie):
        error = world.refused(RequestProfessionalLink(world.alpine, world.admin, coach, SOPHIE))
        assert error.field == "coach_id"
    assert world.refused(RequestProfessionalLink(PROFESSIONALS, world.sophie, world.coach, SOPHIE)).code == "FORBIDDEN"
    assert world.ask("Sophie@Pro.Example") == link_id(world.alpine, world.coach, SOPHIE)  # one address, one link


def test_only_the_professional_addressed_answers_and_only_once() -> None:
    world = World()
    link = world.ask()
    answer = AnswerProfessionalLink(PROFESSIONALS, world.sophie, world.alpine, link, True)
    assert (
        world.refused(AnswerProfessionalLink(PROFESSIONALS, world.marc, world.alpine, link, True)).code == "NOT_FOUND"
    )
    assert (
        world.refused(AnswerProfessionalLink(world.alpine, world.admin, world.alpine, link, True)).code == "FORBIDDEN"
    )
    assert world.refused(AnswerProfessionalLink(PROFESSIONALS, world.sophie, world.harbour, link, True)).code == (
        "NOT_FOUND"  # named in the wrong consultancy: as a missing one
    )
    world.app.handle(answer)
    assert world.refused(answer).code == "CONFLICT"


def test_either_side_ends_and_the_consultancy_asks_again_once_it_ended_its_side() -> None:
    world = World()
    link = world.ask()
    world.app.handle(AnswerProfessionalLink(PROFESSIONALS, world.sophie, world.alpine, link, True))
    end_consent = EndProfessionalConsent(PROFESSIONALS, world.sophie, world.alpine, link)
    world.app.handle(end_consent)
    assert world.refused(end_consent).field == "link_id"
    assert world.refused(RequestProfessionalLink(world.alpine, world.admin, world.coach, SOPHIE)).code == "CONFLICT"
    world.app.handle(EndProfessionalLink(world.alpine, world.admin, link))
    assert world.ask() == link  # a new round of the same link
    world.app.handle(AnswerProfessionalLink(PROFESSIONALS, world.sophie, world.alpine, link, False))
    assert world.refused(end_consent).field == "link_id"  # declined: nothing to end on her side
    world.app.handle(EndProfessionalLink(world.alpine, world.admin, link))
    assert world.refused(AnswerProfessionalLink(PROFESSIONALS, world.sophie, world.alpine, link, True)).code == (
        "NOT_FOUND"  # a withdrawn request is answered no more
    )
    assert account_id(SOPHIE) == world.sophie
