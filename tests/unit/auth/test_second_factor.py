"""The second factor's rules: a code counts once, recovery codes once each, the secret never in clear."""

from __future__ import annotations

from uuid import uuid4

import pyotp
import pytest
from sqlalchemy import create_engine, select

from backend.auth.second_factor import RECOVERY_CODES, SecondFactors, recovery_codes, second_factors

EMAIL = "anna@alpine.example"


class Seconds:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def seconds() -> Seconds:
    return Seconds()


@pytest.fixture
def factors(seconds: Seconds) -> SecondFactors:
    made = SecondFactors(create_engine("sqlite://"), "a secret key of this test, long enough", seconds)
    made.create_table()
    return made


def code(secret: str, seconds: Seconds, steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(seconds.now + 30 * steps)


def test_a_second_factor_takes_effect_only_once_a_code_from_it_confirms_it(
    factors: SecondFactors, seconds: Seconds
) -> None:
    account = uuid4()
    enrolment = factors.begin(uuid4(), account, EMAIL)
    assert enrolment.uri.startswith("otpauth://totp/Cordee:anna%40alpine.example?secret=")
    assert enrolment.grouped.replace(" ", "") == enrolment.secret
    assert not factors.enabled(account) and factors.verify(account, code(enrolment.secret, seconds)) is None

    assert factors.confirm(account, "000000" if code(enrolment.secret, seconds) != "000000" else "111111") is None
    codes = factors.confirm(account, code(enrolment.secret, seconds))
    assert codes is not None and len(set(codes)) == RECOVERY_CODES
    assert factors.enabled(account)


def test_a_code_is_accepted_once_and_an_older_one_never_after_it(factors: SecondFactors, seconds: Seconds) -> None:
    account = uuid4()
    secret = factors.begin(uuid4(), account, EMAIL).secret
    factors.confirm(account, code(secret, seconds))
    assert factors.verify(account, code(secret, seconds)) is None  # the confirming code, replayed
    seconds.now += 30
    assert factors.verify(account, code(secret, seconds, steps=-1)) is None  # older than one already used
    assert factors.verify(account, code(secret, seconds)) == "totp"
    assert factors.verify(account, code(secret, seconds)) is None


def test_a_code_from_the_step_either_side_is_accepted_for_drifting_clocks(
    factors: SecondFactors, seconds: Seconds
) -> None:
    account = uuid4()
    secret = factors.begin(uuid4(), account, EMAIL).secret
    factors.confirm(account, code(secret, seconds))
    seconds.now += 300
    assert factors.verify(account, code(secret, seconds, steps=-2)) is None
    assert factors.verify(account, code(secret, seconds, steps=1)) == "totp"


def test_each_recovery_code_opens_once_and_new_ones_stop_the_old(factors: SecondFactors, seconds: Seconds) -> None:
    account = uuid4()
    secret = factors.begin(uuid4(), account, EMAIL).secret
    codes = factors.confirm(account, code(secret, seconds))
    assert codes is not None
    assert factors.verify(account, codes[0].lower().replace("-", " ")) == "recovery_code"
    assert factors.verify(account, codes[0]) is None
    assert factors.recovery_codes_left(account) == RECOVERY_CODES - 1
    fresh = factors.new_recovery_codes(account)
    assert factors.verify(account, codes[1]) is None
    assert factors.verify(account, fresh[0]) == "recovery_code"


def test_neither_the_secret_nor_a_recovery_code_is_stored_in_clear(factors: SecondFactors, seconds: Seconds) -> None:
    account = uuid4()
    secret = factors.begin(uuid4(), account, EMAIL).secret
    codes = factors.confirm(account, code(secret, seconds)) or []
    with factors.engine.connect() as conn:
        stored = " ".join(str(value) for row in conn.execute(select(second_factors)) for value in row)
        stored += " ".join(str(value) for row in conn.execute(select(recovery_codes)) for value in row)
    assert secret not in stored
    assert not any(c in stored or c.replace("-", "") in stored for c in codes)


def test_another_secret_key_cannot_read_the_secret(factors: SecondFactors, seconds: Seconds) -> None:
    account = uuid4()
    secret = factors.begin(uuid4(), account, EMAIL).secret
    factors.confirm(account, code(secret, seconds))
    other = SecondFactors(factors.engine, "another key altogether, also long", seconds)
    seconds.now += 30
    with pytest.raises(RuntimeError, match="CORDEE_SECRET_KEY"):
        other.verify(account, code(secret, seconds))


def test_removing_the_second_factor_stops_its_codes_and_recovery_codes(
    factors: SecondFactors, seconds: Seconds
) -> None:
    account = uuid4()
    secret = factors.begin(uuid4(), account, EMAIL).secret
    codes = factors.confirm(account, code(secret, seconds)) or []
    factors.remove(account)
    seconds.now += 30
    assert not factors.enabled(account)
    assert factors.verify(account, code(secret, seconds)) is None and factors.verify(account, codes[0]) is None
