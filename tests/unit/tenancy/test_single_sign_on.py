"""Single sign-on's rules: what a consultancy configures, and whom a first sign-in links or opens."""

from __future__ import annotations

import pytest

from domain.application import Cordee
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import Conflict, NotFound, ValidationFailed
from domain.tenancy.account import Account, Role, account_id
from domain.tenancy.commands import (
    ConfigureSingleSignOn,
    CreateConsultancy,
    LinkSingleSignOn,
    OpenAccount,
    OpenSingleSignOnAccount,
)
from domain.tenancy.consultancy import Consultancy

ISSUER = "https://idp.alpine.example"


def consultancy(app: Cordee, slug: str, domains: tuple[str, ...] = ("alpine.example",)) -> object:
    app.subject_links = app.subject_links or (lambda issuer, subject: None)  # nobody linked yet, as the read model says
    tenant = app.handle(CreateConsultancy(SYSTEM_ACTOR, slug.title(), slug)).aggregate_id
    app.handle(ConfigureSingleSignOn(tenant, SYSTEM_ACTOR, ISSUER, "cordee", domains, True, "0123456789abcdef"))
    return tenant


def test_a_configuration_is_recorded_once_and_keeps_its_secret_when_none_is_given() -> None:
    app = Cordee()
    tenant = consultancy(app, "alpine")
    before = app.recorder.max_notification_id()
    app.handle(ConfigureSingleSignOn(tenant, SYSTEM_ACTOR, ISSUER + "/", "cordee", ("Alpine.example",), True, None))
    assert app.recorder.max_notification_id() == before  # the same settings, said differently: nothing new
    app.handle(ConfigureSingleSignOn(tenant, SYSTEM_ACTOR, ISSUER, "cordee", ("b.example",), False, None))
    provider = app.get(Consultancy, tenant, tenant).single_sign_on
    assert provider is not None
    assert (provider.allowed_domains, provider.enabled, provider.secret_fingerprint) == (
        ("b.example",),
        False,
        "0123456789abcdef",
    )


def test_a_first_configuration_needs_a_secret() -> None:
    app = Cordee()
    tenant = app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
    with pytest.raises(ValidationFailed) as error:
        app.handle(ConfigureSingleSignOn(tenant, SYSTEM_ACTOR, ISSUER, "cordee", (), True, None))
    assert error.value.field == "client_secret"


def test_a_first_sign_in_of_an_allowed_domain_opens_an_account_with_no_role() -> None:
    app = Cordee()
    tenant = consultancy(app, "alpine")
    opened = app.handle(OpenSingleSignOnAccount(tenant, ISSUER, "sub-1", "Ana@Alpine.example", "Ana"))
    account = app.get(Account, tenant, opened.aggregate_id)
    assert account.roles == [] and account.single_sign_on_subjects == {ISSUER: "sub-1"}
    assert account.email == "ana@alpine.example"
    with pytest.raises(ValidationFailed) as error:
        app.handle(OpenSingleSignOnAccount(tenant, ISSUER, "sub-2", "eve@elsewhere.example", "Eve"))
    assert error.value.field == "email"


def test_an_account_is_linked_only_with_a_verified_address_and_once_per_provider() -> None:
    app = Cordee()
    tenant = consultancy(app, "alpine")
    coach = app.handle(
        OpenAccount(tenant, SYSTEM_ACTOR, "coach@alpine.example", "Claire", "$argon2id$x", (Role.COACH,))
    ).aggregate_id
    with pytest.raises(ValidationFailed):
        app.handle(LinkSingleSignOn(tenant, coach, ISSUER, "sub-1", "coach@alpine.example", email_verified=False))
    app.handle(LinkSingleSignOn(tenant, coach, ISSUER, "sub-1", "coach@alpine.example", email_verified=True))
    with pytest.raises(ValidationFailed) as error:
        app.handle(LinkSingleSignOn(tenant, coach, ISSUER, "sub-9", "coach@alpine.example", email_verified=True))
    assert error.value.field == "subject"


def test_an_account_is_never_linked_or_opened_across_consultancies() -> None:
    app = Cordee()
    alpine = consultancy(app, "alpine", ("alpine.example", "harbour.example"))
    harbour = app.handle(CreateConsultancy(SYSTEM_ACTOR, "Harbour", "harbour")).aggregate_id
    app.handle(OpenAccount(harbour, SYSTEM_ACTOR, "admin@harbour.example", "Hana", "$argon2id$x", (Role.COACH,)))
    with pytest.raises(NotFound):
        app.handle(
            LinkSingleSignOn(alpine, account_id("admin@harbour.example"), ISSUER, "s", "admin@harbour.example", True)
        )
    with pytest.raises(Exception, match="already exists"):
        app.handle(OpenSingleSignOnAccount(alpine, ISSUER, "s", "admin@harbour.example", "Hana"))
    with pytest.raises(ValidationFailed) as error:  # Harbour signs in through no provider of Alpine's
        app.handle(OpenSingleSignOnAccount(harbour, ISSUER, "s", "new@harbour.example", "New"))
    assert error.value.field == "issuer"


def test_a_subject_linked_to_another_account_is_refused_as_a_conflict_on_the_subject() -> None:
    app = Cordee()
    tenant = consultancy(app, "alpine")
    someone_else = account_id("someone@harbour.example")
    app.subject_links = lambda issuer, subject: someone_else if (issuer, subject) == (ISSUER, "sub-1") else None
    before = app.recorder.max_notification_id()
    with pytest.raises(Conflict) as error:
        app.handle(OpenSingleSignOnAccount(tenant, ISSUER, "sub-1", "ana@alpine.example", "Ana"))
    assert error.value.field == "subject" and error.value.code == "CONFLICT"
    assert app.recorder.max_notification_id() == before
    opened = app.handle(OpenSingleSignOnAccount(tenant, ISSUER, "sub-2", "ana@alpine.example", "Ana"))
    assert app.get(Account, tenant, opened.aggregate_id).single_sign_on_subjects == {ISSUER: "sub-2"}
