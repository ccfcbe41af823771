"""The verifier's worked example in docs/labels-credentials.md runs, as printed, against credentials issued here: it
fetches the key set only from the body's known address, and refuses a token or a status list of another issuer, or
a list at another address, without ever fetching an address it read from the token before checking it."""

import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from backend.credentials.openbadges import Issuer, StatusEntry, open_badge
from backend.credentials.signing import jwks, sign
from backend.credentials.status_list import REVOKED, SUSPENDED, Bitstring, status_list_credential
from tests.unit.credentials.support import BODY, INDEX, STATUS_LIST, label, new_key

DOC = Path(__file__).parents[3] / "docs" / "labels-credentials.md"
ELSEWHERE = "https://elsewhere.example"


def documented_verifier() -> dict:
    (code,) = [
        block for block in re.findall(r"```python\n(.*?)```", DOC.read_text(), re.DOTALL) if "check_label" in block
    ]
    namespace: dict = {}
    exec(compile(code, str(DOC), "exec"), namespace)
    return namespace


def documented_check_label():
    return documented_verifier()["check_label"]


class Site:
    """What the body publishes, by address; it records every address fetched."""

    def __init__(self, pages: dict[str, str]) -> None:
        self.pages = pages
        self.fetched: list[str] = []

    def fetch(self, url: str) -> str:
        self.fetched.append(url)
        return self.pages[url]


def issued(
    bits: Bitstring,
    valid_until: datetime,
    list_issuer: str = BODY,
    list_id: str = STATUS_LIST,
    issuer: str = BODY,
    list_url: str = STATUS_LIST,
):
    key = new_key()
    now = datetime.now(UTC)
    lists = {list_url: sign(status_list_credential(list_id, Issuer(list_issuer, "Label Board"), bits, now), key)}
    credential = open_badge(
        replace(
            label(awarded=now - timedelta(days=400), valid_from=now - timedelta(days=400), valid_until=valid_until),
            issuer=Issuer(issuer, "Cluster Coaching Label Board"),
            status=StatusEntry(list_url, INDEX),
        )
    )
    published = json.dumps(jwks(key))  # what a verifier downloads, at the body's own address
    return sign(credential, key), Site({f"{BODY}/jwks.json": published, **lists})


def test_the_documented_verifier_finds_a_label_valid_revoked_and_expired():
    check_label = documented_check_label()
    later = datetime.now(UTC) + timedelta(days=30)

    def state(token: str, site: Site) -> str:
        found: str = check_label(token, BODY, site.fetch)
        assert site.fetched == [f"{BODY}/jwks.json", STATUS_LIST]  # the key set from the body's address, first
        return found

    assert state(*issued(Bitstring(), later)) == "valid"
    assert state(*issued(Bitstring().with_status(INDEX, REVOKED), later)) == "revoked"
    assert state(*issued(Bitstring().with_status(INDEX, SUSPENDED), later)) == "suspended"
    assert state(*issued(Bitstring().with_status(INDEX + 1, REVOKED), later)) == "valid"
    assert state(*issued(Bitstring(), datetime.now(UTC) - timedelta(days=1))) == "expired"


@pytest.mark.parametrize(
    ("changes", "fetched"),
    [
        ({"list_issuer": ELSEWHERE}, [f"{BODY}/jwks.json", STATUS_LIST]),
        ({"list_id": f"{BODY}/labels/status/2"}, [f"{BODY}/jwks.json", STATUS_LIST]),
        ({"issuer": ELSEWHERE}, [f"{BODY}/jwks.json"]),
        ({"list_url": f"{ELSEWHERE}/status/1"}, [f"{BODY}/jwks.json"]),
    ],
    ids=["list-of-another-issuer", "list-of-another-address", "token-of-another-issuer", "list-elsewhere"],
)
def test_the_documented_verifier_refuses_another_issuer_s_token_or_list(changes, fetched):
    verifier = documented_verifier()
    token, site = issued(Bitstring(), datetime.now(UTC) + timedelta(days=30), **changes)

    with pytest.raises(verifier["Refused"]):
        verifier["check_label"](token, BODY, site.fetch)
    assert site.fetched == fetched  # an address outside the body's is never fetched


def test_the_documented_verifier_refuses_a_token_signed_by_a_key_the_body_does_not_publish():
    verifier = documented_verifier()
    token, site = issued(Bitstring(), datetime.now(UTC) + timedelta(days=30))
    site.pages[f"{BODY}/jwks.json"] = json.dumps(jwks(new_key()))  # the body's own set: another key

    with pytest.raises(verifier["Refused"], match="no key"):
        verifier["check_label"](token, BODY, site.fetch)


def test_the_documented_verifier_checks_with_no_assert():
    (code,) = [
        block for block in re.findall(r"```python\n(.*?)```", DOC.read_text(), re.DOTALL) if "check_label" in block
    ]
    assert "assert" not in code  # `python -O` would strip every check
