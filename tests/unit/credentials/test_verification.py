from datetime import UTC, date, datetime, timedelta

import pytest

from backend.credentials.openbadges import Issuer, open_badge
from backend.credentials.signing import public_jwk, sign
from backend.credentials.status_list import Bitstring, status_list_credential
from backend.credentials.verification import check
from tests.unit.credentials.support import (
    BODY,
    EXPIRES_ON,
    GRANTED,
    INDEX,
    REVOCATION_LIST,
    SUSPENSION_LIST,
    label,
    new_key,
)

KEY = new_key()
PUBLIC = public_jwk(KEY)
TODAY = date(2027, 6, 1)
TOKEN = sign(open_badge(label()), KEY)
CLEAR = Bitstring()


def lists(revoked: Bitstring = CLEAR, suspended: Bitstring = CLEAR, key=KEY, issuer: str = BODY):
    body = Issuer(issuer, "Cluster Coaching Label Board")
    return {
        REVOCATION_LIST: sign(status_list_credential(REVOCATION_LIST, body, "revocation", revoked, GRANTED), key),
        SUSPENSION_LIST: sign(status_list_credential(SUSPENSION_LIST, body, "suspension", suspended, GRANTED), key),
    }


def test_a_label_in_force_is_valid_and_says_for_whom():
    verdict = check(TOKEN, PUBLIC, lists(), TODAY)

    assert verdict.state == "valid"
    assert verdict.subject_name == "Camille Durand"
    assert verdict.label_name == "ISO/IEC 27001 cluster coach"
    assert verdict.issuer_name == "Cluster Coaching Label Board"
    assert verdict.valid_until == datetime(2029, 12, 7, tzinfo=UTC)


def test_a_revoked_label_is_reported_revoked():
    verdict = check(TOKEN, PUBLIC, lists(revoked=Bitstring().set(INDEX)), TODAY)

    assert verdict.state == "revoked"
    assert verdict.subject_name == "Camille Durand"


def test_a_suspended_label_is_reported_suspended_and_valid_again_once_lifted():
    suspended = Bitstring().set(INDEX)

    assert check(TOKEN, PUBLIC, lists(suspended=suspended), TODAY).state == "suspended"
    assert check(TOKEN, PUBLIC, lists(suspended=suspended.set(INDEX, value=False)), TODAY).state == "valid"


def test_another_credentials_bit_does_not_touch_this_one():
    assert check(TOKEN, PUBLIC, lists(revoked=Bitstring().set(INDEX + 1)), TODAY).state == "valid"


def test_revocation_outranks_suspension_and_expiry():
    both = lists(revoked=Bitstring().set(INDEX), suspended=Bitstring().set(INDEX))

    assert check(TOKEN, PUBLIC, both, EXPIRES_ON + timedelta(days=30)).state == "revoked"


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (EXPIRES_ON - timedelta(days=1), "valid"),
        (EXPIRES_ON, "expired"),
        (EXPIRES_ON + timedelta(days=1), "expired"),
    ],
)
def test_the_label_expires_on_its_expiry_day(today, state):
    assert check(TOKEN, PUBLIC, lists(), today).state == state


@pytest.mark.parametrize(
    ("today", "state"),
    [(GRANTED.date() - timedelta(days=1), "not_yet_valid"), (GRANTED.date(), "valid")],
)
def test_the_label_is_in_force_from_the_day_it_was_granted(today, state):
    assert check(TOKEN, PUBLIC, lists(), today).state == state


def test_a_credential_signed_by_another_key_is_invalid_and_names_no_one():
    verdict = check(sign(open_badge(label()), new_key()), PUBLIC, lists(), TODAY)

    assert verdict.state == "invalid"
    assert verdict.subject_name is None
    assert verdict.credential is None


def test_without_its_status_lists_the_status_is_unknown_not_valid():
    verdict = check(TOKEN, PUBLIC, {}, TODAY)

    assert verdict.state == "status_unknown"
    assert REVOCATION_LIST in verdict.reason


def test_a_status_list_signed_by_another_key_is_not_believed():
    assert check(TOKEN, PUBLIC, lists(key=new_key()), TODAY).state == "status_unknown"


def test_a_status_list_of_another_issuer_is_not_believed():
    assert check(TOKEN, PUBLIC, lists(issuer="https://elsewhere.example"), TODAY).state == "status_unknown"


def test_a_signed_status_list_is_not_taken_for_a_label():
    token = lists()[REVOCATION_LIST]

    assert check(token, PUBLIC, lists(), TODAY).state == "invalid"
