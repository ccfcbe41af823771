"""Tenancy's registry: every tenancy command has one small handler, reached through `handle(cmd)`."""

from __future__ import annotations

import dataclasses
import inspect
from uuid import uuid4

import pytest

from domain.application import HANDLERS, Cordee
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import NotFound, ValidationFailed
from domain.tenancy import commands
from domain.tenancy.account import Account, Role
from domain.tenancy.commands import ChangePassword, CreateConsultancy, OpenAccount, SetLargeClustersAllowed
from domain.tenancy.consultancy import Consultancy
from domain.tenancy.handlers import HANDLERS as TENANCY_HANDLERS


def test_every_tenancy_command_has_a_handler_in_the_application() -> None:
    command_types = {
        kind for _, kind in inspect.getmembers(commands, inspect.isclass) if dataclasses.is_dataclass(kind)
    } & {kind for kind in vars(commands).values() if getattr(kind, "__module__", "") == commands.__name__}
    assert set(TENANCY_HANDLERS) == command_types
    assert all(HANDLERS[kind] is TENANCY_HANDLERS[kind] for kind in command_types)


def test_a_handler_loads_calls_one_method_and_saves() -> None:
    app = Cordee()
    tenant = app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
    app.handle(SetLargeClustersAllowed(tenant, SYSTEM_ACTOR, True))
    assert app.get(Consultancy, tenant, tenant).cluster_size_limit is None
    coach = app.handle(OpenAccount(tenant, SYSTEM_ACTOR, "c@alpine.example", "Claire", "$argon2id$x", (Role.COACH,)))
    assert app.get(Account, tenant, coach.aggregate_id).has_role(Role.COACH)


def test_a_member_account_names_an_organisation_the_application_knows() -> None:
    app = Cordee()
    tenant = app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
    cmd = OpenAccount(tenant, SYSTEM_ACTOR, "m@alpine.example", "Max", "$argon2id$x", (Role.MEMBER,), uuid4())
    with pytest.raises(NotFound) as refused:
        app.handle(cmd)
    assert refused.value.field == "organisation_id"


def test_a_password_is_changed_by_its_own_account_only() -> None:
    app = Cordee()
    tenant = app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
    coach = app.handle(OpenAccount(tenant, SYSTEM_ACTOR, "c@alpine.example", "Claire", "$argon2id$old", (Role.COACH,)))
    admin = app.handle(OpenAccount(tenant, SYSTEM_ACTOR, "a@alpine.example", "Anna", "$argon2id$a", (Role.COACH,)))
    app.handle(ChangePassword(tenant, coach.aggregate_id, "$argon2id$new"))
    assert app.get(Account, tenant, coach.aggregate_id).password_hash == "$argon2id$new"
    account = app.get(Account, tenant, coach.aggregate_id)
    with pytest.raises(ValidationFailed):
        account.change_password(admin.aggregate_id, "$argon2id$theirs")
    assert account.collect_events() == []
    with pytest.raises(NotFound):  # an account of another consultancy is not found
        app.handle(ChangePassword(uuid4(), coach.aggregate_id, "$argon2id$x"))
