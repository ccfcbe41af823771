"""Personal access tokens on an account, and integration clients: who may make and revoke them, and their bounds."""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

import pytest

from domain.shared.errors import ValidationFailed
from domain.tenancy.account import API_TOKENS_MAX, Account, Role
from domain.tenancy.integration_client import IntegrationClient

TODAY = date(2027, 1, 4)
HASH = "b" * 64


def account() -> Account:
    opened = Account.open(uuid4(), uuid4(), "ana@alpine.example", "Ana", "$argon2id$x", [Role.COACH])
    opened.collect_events()
    return opened


def issue(person: Account, actor: object = None, **given: object) -> object:
    token_id = uuid4()
    fields = {"name": "Reports", "scopes": ["write", "read", "read"], "expires_on": TODAY + timedelta(days=30)}
    fields.update(given)
    person.issue_api_token(actor or person.id, token_id, key_hash=HASH, today=TODAY, **fields)  # type: ignore[arg-type]
    return token_id


def test_a_token_is_made_and_revoked_by_its_own_account_only_and_keeps_only_its_hash() -> None:
    person = account()
    token_id = issue(person)
    issued = person.collect_events()[0]
    assert type(issued).__name__ == "ApiTokenIssued" and issued.scopes == ["read", "write"]  # type: ignore[attr-defined]
    assert issued.key_hash == HASH  # type: ignore[attr-defined]
    with pytest.raises(ValidationFailed) as error:
        issue(person, actor=uuid4())
    assert error.value.field == "actor_id"
    with pytest.raises(ValidationFailed):
        person.revoke_api_token(uuid4(), token_id)  # type: ignore[arg-type]
    person.revoke_api_token(person.id, token_id)  # type: ignore[arg-type]
    with pytest.raises(ValidationFailed) as error:
        person.revoke_api_token(person.id, token_id)  # type: ignore[arg-type]
    assert error.value.field == "token_id"
    assert [type(e).__name__ for e in person.collect_events()] == ["ApiTokenRevoked"]


def test_every_field_at_fault_is_named_at_once() -> None:
    with pytest.raises(ValidationFailed) as error:
        issue(account(), name="", scopes=[], expires_on=TODAY)
    assert {problem.field for problem in error.value.problems} == {"name", "scopes", "expires_on"}  # type: ignore[attr-defined]


def test_an_account_holds_a_bounded_number_of_live_tokens() -> None:
    person = account()
    for _ in range(API_TOKENS_MAX):
        issue(person)
    with pytest.raises(ValidationFailed, match="revoke one"):
        issue(person)


def test_a_client_is_revoked_once() -> None:
    client = IntegrationClient.register(uuid4(), uuid4(), uuid4(), "Icinga", uuid4(), ["read"], HASH)
    client.revoke(uuid4(), "")
    with pytest.raises(ValidationFailed) as error:
        client.revoke(uuid4(), "")
    assert error.value.field == "client_id"
