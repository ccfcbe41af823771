"""The verifier's worked example in docs/labels-credentials.md runs, as printed, against credentials issued here."""

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from backend.credentials.openbadges import Issuer, open_badge
from backend.credentials.signing import jwks, sign
from backend.credentials.status_list import REVOKED, SUSPENDED, Bitstring, status_list_credential
from tests.unit.credentials.support import BODY, INDEX, STATUS_LIST, label, new_key

DOC = Path(__file__).parents[3] / "docs" / "labels-credentials.md"


def documented_check_label():
    (code,) = [
        block for block in re.findall(r"```python\n(.*?)```", DOC.read_text(), re.DOTALL) if "check_label" in block
    ]
    namespace: dict = {}
    exec(compile(code, str(DOC), "exec"), namespace)
    return namespace["check_label"]


def issued(bits: Bitstring, valid_until: datetime, list_issuer: str = BODY, list_id: str = STATUS_LIST):
    key = new_key()
    now = datetime.now(UTC)
    body = Issuer(list_issuer, "Cluster Coaching Label Board")
    lists = {STATUS_LIST: sign(status_list_credential(list_id, body, bits, now), key)}
    credential = open_badge(
        label(awarded=now - timedelta(days=400), valid_from=now - timedelta(days=400), valid_until=valid_until)
    )
    published = json.loads(json.dumps(jwks(key)))  # what a verifier downloads
    return sign(credential, key), published, lists


def test_the_documented_verifier_finds_a_label_valid_revoked_and_expired():
    check_label = documented_check_label()
    later = datetime.now(UTC) + timedelta(days=30)

    assert check_label(*issued(Bitstring(), later)) == "valid"
    assert check_label(*issued(Bitstring().with_status(INDEX, REVOKED), later)) == "revoked"
    assert check_label(*issued(Bitstring().with_status(INDEX, SUSPENDED), later)) == "suspended"
    assert check_label(*issued(Bitstring().with_status(INDEX + 1, REVOKED), later)) == "valid"
    assert check_label(*issued(Bitstring(), datetime.now(UTC) - timedelta(days=1))) == "expired"


@pytest.mark.parametrize(
    "changes", [{"list_issuer": "https://elsewhere.example"}, {"list_id": f"{BODY}/labels/status/2"}]
)
def test_the_documented_verifier_refuses_a_list_of_another_issuer_or_another_address(changes):
    check_label = documented_check_label()

    with pytest.raises(AssertionError):
        check_label(*issued(Bitstring(), datetime.now(UTC) + timedelta(days=30), **changes))
