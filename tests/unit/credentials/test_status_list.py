import base64
import gzip

import pytest

from backend.credentials.openbadges import Issuer, open_badge
from backend.credentials.signing import jwks, sign, verify
from backend.credentials.status_list import (
    MAXIMUM_OCTETS,
    MINIMUM_BITS,
    MINIMUM_ENTRIES,
    REVOKED,
    SUSPENDED,
    VALID,
    Bitstring,
    StatusListError,
    decode,
    encode,
    status_list_credential,
    status_of,
    unused_random_index,
)
from tests.unit.credentials.support import BODY, GRANTED, INDEX, STATUS_LIST, label, new_key

SPEC_EMPTY_LIST = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
"""The empty 131,072-bit list of the Bitstring Status List specification's example."""
ISSUER = Issuer(BODY, "Cluster Coaching Label Board")


def entry() -> dict:
    return open_badge(label())["credentialStatus"]


def test_a_new_list_is_131072_entries_of_two_bits_all_clear_and_encodes_as_multibase_base64url():
    encoded = encode(Bitstring())

    assert encoded.startswith("u")
    assert "=" not in encoded and "+" not in encoded and "/" not in encoded
    bits = decode(encoded)
    assert bits.entries == MINIMUM_ENTRIES == 131_072
    assert bits.size == 2 * MINIMUM_ENTRIES
    assert not any(bits.octets)


@pytest.mark.parametrize("value", [VALID, SUSPENDED, REVOKED, 0x3])
def test_an_entrys_two_bits_read_back_and_leave_their_neighbours_alone(value):
    bits = decode(encode(Bitstring().with_status(INDEX, value)))

    assert bits.status(INDEX) == value
    assert bits.status(INDEX - 1) == bits.status(INDEX + 1) == VALID
    assert [bits.get(2 * INDEX), bits.get(2 * INDEX + 1)] == [bool(value & 2), bool(value & 1)]


def test_a_random_index_is_in_the_list_and_never_one_already_used():
    used = set(range(10))

    picked = {unused_random_index(used, entries=12) for _ in range(200)}

    assert picked == {10, 11}
    assert 0 <= unused_random_index(set()) < MINIMUM_ENTRIES


def test_random_indexes_are_not_sequential():
    picked = [unused_random_index(set()) for _ in range(20)]

    assert picked != sorted(picked) or len(set(picked)) < 20


def test_a_full_list_gives_no_index():
    with pytest.raises(StatusListError, match="full"):
        unused_random_index(set(range(4)), entries=4)


def test_the_specifications_example_list_reads_as_empty():
    bits = decode(SPEC_EMPTY_LIST)

    assert bits.size == MINIMUM_BITS
    assert bits.entries == MINIMUM_BITS // 2
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


@pytest.mark.parametrize("index", [-1, MINIMUM_ENTRIES])
def test_an_index_outside_the_list_is_refused(index):
    with pytest.raises(StatusListError, match="outside"):
        Bitstring().status(index)
    with pytest.raises(StatusListError, match="outside"):
        Bitstring().get(2 * index)


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


def test_the_list_credential_is_signed_and_says_the_status():
    key = new_key()
    published = status_list_credential(STATUS_LIST, ISSUER, Bitstring().with_status(INDEX, SUSPENDED), GRANTED)

    listed = verify(sign(published, key), jwks(key)["keys"][0])

    assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert listed["credentialSubject"]["type"] == "BitstringStatusList"
    assert listed["credentialSubject"]["statusPurpose"] == "message"
    assert status_of(entry(), listed) == SUSPENDED


def test_both_bits_set_read_as_revoked():
    listed = status_list_credential(STATUS_LIST, ISSUER, Bitstring().with_status(INDEX, 0x3), GRANTED)

    assert status_of(entry(), listed) == REVOKED


def test_another_credentials_status_does_not_touch_this_one():
    listed = status_list_credential(STATUS_LIST, ISSUER, Bitstring().with_status(INDEX + 1, REVOKED), GRANTED)

    assert status_of(entry(), listed) == VALID


def test_a_list_at_another_address_or_an_entry_of_another_shape_is_refused():
    elsewhere = status_list_credential(f"{STATUS_LIST}0", ISSUER, Bitstring(), GRANTED)
    listed = status_list_credential(STATUS_LIST, ISSUER, Bitstring(), GRANTED)

    with pytest.raises(StatusListError, match="not the one"):
        status_of(entry(), elsewhere)
    with pytest.raises(StatusListError, match="purpose"):
        status_of({**entry(), "statusPurpose": "revocation"}, listed)
    with pytest.raises(StatusListError, match="purpose"):
        status_of({**entry(), "statusSize": 1}, listed)
    with pytest.raises(StatusListError, match="messages"):
        status_of({**entry(), "statusMessage": entry()["statusMessage"][:2]}, listed)


def test_a_list_inflating_beyond_its_bound_is_refused_before_it_is_read():
    bomb = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(MAXIMUM_OCTETS + 1), mtime=0)).decode().rstrip("=")

    with pytest.raises(StatusListError, match="at most"):
        decode(bomb)


def test_a_list_cut_short_is_refused():
    whole = encode(Bitstring().set(INDEX))

    with pytest.raises(StatusListError):
        decode(whole[: len(whole) // 2])
