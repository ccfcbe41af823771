import base64
import gzip

import pytest

from backend.credentials.openbadges import Issuer, open_badge
from backend.credentials.signing import jwks, sign, verify
from backend.credentials.status_list import (
    MAXIMUM_OCTETS,
    MINIMUM_BITS,
    Bitstring,
    StatusListError,
    decode,
    encode,
    is_set,
    status_list_credential,
)
from tests.unit.credentials.support import BODY, GRANTED, INDEX, REVOCATION_LIST, SUSPENSION_LIST, label, new_key

SPEC_EMPTY_LIST = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
"""The empty 131,072-bit list of the Bitstring Status List specification's example."""
ISSUER = Issuer(BODY, "Cluster Coaching Label Board")


def entry(purpose: str) -> dict:
    (found,) = [item for item in open_badge(label())["credentialStatus"] if item["statusPurpose"] == purpose]
    return found


def test_a_new_list_is_131072_bits_all_clear_and_encodes_as_multibase_base64url():
    encoded = encode(Bitstring())

    assert encoded.startswith("u")
    assert "=" not in encoded and "+" not in encoded and "/" not in encoded
    bits = decode(encoded)
    assert bits.size == MINIMUM_BITS
    assert not any(bits.octets)


def test_the_specifications_example_list_reads_as_empty():
    bits = decode(SPEC_EMPTY_LIST)

    assert bits.size == MINIMUM_BITS
    assert not any(bits.octets)


def test_set_bits_read_back_after_compression_and_their_neighbours_stay_clear():
    bits = Bitstring().set(0).set(INDEX).set(MINIMUM_BITS - 1)

    read = decode(encode(bits))

    assert [read.get(i) for i in (0, INDEX, MINIMUM_BITS - 1)] == [True, True, True]
    assert [read.get(i) for i in (1, INDEX - 1, INDEX + 1, MINIMUM_BITS - 2)] == [False, False, False, False]


def test_index_zero_is_the_left_most_bit_of_the_gzip_payload():
    raw = base64.urlsafe_b64decode(encode(Bitstring().set(0))[1:] + "==")

    assert gzip.decompress(raw)[0] == 0b1000_0000


def test_a_bit_cleared_again_reads_clear():
    assert not decode(encode(Bitstring().set(INDEX).set(INDEX, value=False))).get(INDEX)


@pytest.mark.parametrize("index", [-1, MINIMUM_BITS])
def test_an_index_outside_the_list_is_refused(index):
    with pytest.raises(StatusListError, match="outside"):
        Bitstring().get(index)


@pytest.mark.parametrize(
    "encoded",
    [
        "H4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA",  # no multibase prefix
        "unot-gzip",
        "u"
        + base64.urlsafe_b64encode(gzip.compress(bytes(1024), mtime=0)).decode().rstrip("="),  # too short to hide a bit
    ],
)
def test_what_is_not_a_status_list_is_refused(encoded):
    with pytest.raises(StatusListError):
        decode(encoded)


def test_the_list_credential_is_signed_and_says_which_bit_is_set():
    key = new_key()
    published = status_list_credential(REVOCATION_LIST, ISSUER, "revocation", Bitstring().set(INDEX), GRANTED)

    listed = verify(sign(published, key), jwks(key)["keys"][0])

    assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert listed["credentialSubject"]["type"] == "BitstringStatusList"
    assert listed["credentialSubject"]["statusPurpose"] == "revocation"
    assert is_set(entry("revocation"), listed)


def test_a_credential_whose_bit_is_clear_is_not_flagged():
    listed = status_list_credential(REVOCATION_LIST, ISSUER, "revocation", Bitstring().set(INDEX + 1), GRANTED)

    assert not is_set(entry("revocation"), listed)


def test_a_list_of_another_purpose_or_at_another_address_is_refused():
    suspensions = status_list_credential(SUSPENSION_LIST, ISSUER, "suspension", Bitstring(), GRANTED)
    mislabelled = status_list_credential(REVOCATION_LIST, ISSUER, "suspension", Bitstring(), GRANTED)

    with pytest.raises(StatusListError, match="not the one"):
        is_set(entry("revocation"), suspensions)
    with pytest.raises(StatusListError, match="purpose"):
        is_set(entry("revocation"), mislabelled)


def test_only_revocation_and_suspension_lists_are_made():
    with pytest.raises(StatusListError):
        status_list_credential(REVOCATION_LIST, ISSUER, "message", Bitstring(), GRANTED)


def test_a_list_inflating_beyond_its_bound_is_refused_before_it_is_read():
    bomb = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(MAXIMUM_OCTETS + 1), mtime=0)).decode().rstrip("=")

    with pytest.raises(StatusListError, match="at most"):
        decode(bomb)


def test_a_list_cut_short_is_refused():
    whole = encode(Bitstring().set(INDEX))

    with pytest.raises(StatusListError):
        decode(whole[: len(whole) // 2])
