import base64
import json
from datetime import UTC, date, datetime, timedelta

import pytest

from backend.credentials.openbadges import Issuer, open_badge
from backend.credentials.signing import jwks, sign
from backend.credentials.status_list import REVOKED, SUSPENDED, VALID, Bitstring, status_list_credential
from backend.credentials.verification import check
from tests.unit.credentials.support import (
    BODY,
    EXPIRES_ON,
    GRANTED,
    INDEX,
    STATUS_LIST,
    label,
    new_key,
)

KEY = new_key()
PUBLIC = jwks(KEY)
TODAY = date(2027, 6, 1)
TOKEN = sign(open_badge(label()), KEY)
CLEAR = Bitstring()


def lists(bits: Bitstring = CLEAR, key=KEY, issuer: str = BODY):
    body = Issuer(issuer, "Cluster Coaching Label Board")
    return {STATUS_LIST: sign(status_list_credential(STATUS_LIST, body, bits, GRANTED), key)}


def with_status(value: int, index: int = INDEX) -> Bitstring:
    return Bitstring().with_status(index, value)


def test_a_label_in_force_is_valid_and_says_for_whom():
    verdict = check(TOKEN, PUBLIC, lists(), TODAY)

    assert verdict.state == "valid"
    assert verdict.subject_name == "Camille Durand"
    assert verdict.label_name == "ISO/IEC 27001 cluster coach"
    assert verdict.issuer_name == "Cluster Coaching Label Board"
    assert verdict.valid_until == datetime(2029, 12, 7, tzinfo=UTC)


def test_a_revoked_label_is_reported_revoked():
    verdict = check(TOKEN, PUBLIC, lists(with_status(REVOKED)), TODAY)

    assert verdict.state == "revoked"
    assert verdict.subject_name == "Camille Durand"


def test_a_suspended_label_is_reported_suspended_and_valid_again_once_lifted():
    suspended = with_status(SUSPENDED)

    assert check(TOKEN, PUBLIC, lists(suspended), TODAY).state == "suspended"
    assert check(TOKEN, PUBLIC, lists(suspended.with_status(INDEX, VALID)), TODAY).state == "valid"


def test_another_credentials_bit_does_not_touch_this_one():
    assert check(TOKEN, PUBLIC, lists(with_status(REVOKED, INDEX + 1)), TODAY).state == "valid"


def test_revocation_outranks_suspension_and_expiry():
    both = lists(with_status(REVOKED | SUSPENDED))

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
    ("now", "state"),
    [
        (GRANTED.date(), "not_yet_valid"),
        (GRANTED - timedelta(seconds=1), "not_yet_valid"),
        (GRANTED, "valid"),
        (GRANTED.date() + timedelta(days=1), "valid"),
    ],
)
def test_the_label_is_in_force_from_the_instant_it_was_granted(now, state):
    assert check(TOKEN, PUBLIC, lists(), now).state == state


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (datetime.combine(EXPIRES_ON, datetime.min.time(), tzinfo=UTC) - timedelta(seconds=1), "valid"),
        (datetime.combine(EXPIRES_ON, datetime.min.time(), tzinfo=UTC), "expired"),
    ],
)
def test_the_label_expires_at_the_exact_instant_of_valid_until(now, state):
    assert check(TOKEN, PUBLIC, lists(), now).state == state


def test_a_credential_signed_by_another_key_is_invalid_and_names_no_one():
    verdict = check(sign(open_badge(label()), new_key()), PUBLIC, lists(), TODAY)

    assert verdict.state == "invalid"
    assert verdict.subject_name is None
    assert verdict.credential is None


def test_without_its_status_lists_the_status_is_unknown_not_valid():
    verdict = check(TOKEN, PUBLIC, {}, TODAY)

    assert verdict.state == "status_unknown"
    assert STATUS_LIST in verdict.reason


def test_a_status_list_signed_by_a_key_outside_the_published_set_is_not_believed():
    assert check(TOKEN, PUBLIC, lists(key=new_key()), TODAY).state == "status_unknown"


def test_after_a_key_rotation_a_list_signed_by_the_new_key_still_revokes_a_label_of_the_old_one():
    rotated = new_key()
    key_set = jwks(rotated, KEY)

    assert check(TOKEN, key_set, lists(with_status(REVOKED), key=rotated), TODAY).state == "revoked"
    assert check(TOKEN, key_set, lists(key=rotated), TODAY).state == "valid"


def test_the_caller_can_require_the_issuer_whose_key_set_it_gave():
    assert check(TOKEN, PUBLIC, lists(), TODAY, expected_issuer=BODY).state == "valid"
    verdict = check(TOKEN, PUBLIC, lists(), TODAY, expected_issuer="https://elsewhere.example")

    assert verdict.state == "invalid"
    assert verdict.subject_name is None


def test_a_status_list_of_another_issuer_is_not_believed():
    assert check(TOKEN, PUBLIC, lists(issuer="https://elsewhere.example"), TODAY).state == "status_unknown"


def test_a_signed_status_list_is_not_taken_for_a_label():
    token = lists()[STATUS_LIST]

    assert check(token, PUBLIC, lists(), TODAY).state == "invalid"


def _segment(value: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "token",
    [
        _segment(["x"]) + "." + _segment({}) + ".AA",
        _segment({"alg": "EdDSA", "kid": {"a": 1}}) + "." + _segment({}) + ".AA",
        "\ud800.a.b",
        "..",
    ],
)
def test_a_malformed_token_is_invalid_not_an_error(token):
    assert check(token, PUBLIC, lists(), TODAY).state == "invalid"
