"""Revocation and suspension published in one W3C Bitstring Status List of purpose `message`: two bits per
credential (`statusSize` 2), at the entry its one `credentialStatus` gives (Open Badges 3.0 allows one), in a list of
at least 131,072 entries (so that one credential's status hides among many), GZIP-compressed and written as multibase
base64url (`u`, no padding) in a signed `BitstringStatusListCredential`. The value says the status, as the entry's
`statusMessage` spells out: 0x0 valid, 0x1 suspended, 0x2 revoked (0x3, never written, reads as revoked); lifting a
suspension writes 0x0 again.

Indexes are drawn at random among the unused ones (`unused_random_index`), as the specification's privacy
considerations advise: sequential indexes would tell a verifier the order and the rate of the grants.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import zlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backend.credentials.openbadges import (
    STATUS_PURPOSE,
    STATUS_SIZE,
    VC_CONTEXT,
    Issuer,
    status_messages,
    timestamp,
)
from domain.labels import credential

VALID, SUSPENDED, REVOKED = 0x0, 0x1, 0x2
"""The status values (`statusMessage`): a set revocation bit (0x2) outranks the suspension bit (0x1)."""
MINIMUM_BITS = 131_072
"""The specification's floor for any list, 16 KiB: a list read is refused below it."""
MINIMUM_ENTRIES = credential.STATUS_LIST_ENTRIES
"""The entries a list published here holds at least: 131,072 statuses of `STATUS_SIZE` bits (32 KiB)."""
MAXIMUM_OCTETS = 16 * 1024 * 1024
"""128 Mibit, a thousand times the minimum: a list that inflates beyond it is refused before it fills the memory."""
GZIP_WINDOW = 16 + zlib.MAX_WBITS
MULTIBASE_BASE64URL = "u"
LIST_TYPES = ("VerifiableCredential", "BitstringStatusListCredential")


class StatusListError(ValueError):
    """A list or an entry that cannot be read; the message says which part."""


@dataclass(frozen=True)
class Bitstring:
    """The bits, left-most first: index 0 is the highest bit of the first byte."""

    octets: bytes = bytes(MINIMUM_ENTRIES * STATUS_SIZE // 8)

    @property
    def entries(self) -> int:
        """How many statuses of `STATUS_SIZE` bits it holds."""
        return self.size // STATUS_SIZE

    def status(self, index: int) -> int:
        """The status at an entry's index: its `STATUS_SIZE` bits, the left-most the highest."""
        self._check_entry(index)
        value = 0
        for bit in range(index * STATUS_SIZE, (index + 1) * STATUS_SIZE):
            value = value << 1 | self.get(bit)
        return value

    def with_status(self, index: int, value: int) -> Bitstring:
        """A copy with the entry's status written."""
        self._check_entry(index)
        if not 0 <= value < 1 << STATUS_SIZE:
            raise StatusListError(f"A status holds {STATUS_SIZE} bits.")
        bits = self
        for offset in range(STATUS_SIZE):
            shift = STATUS_SIZE - 1 - offset
            bits = bits.set(index * STATUS_SIZE + offset, bool(value >> shift & 1))
        return bits

    def _check_entry(self, index: int) -> None:
        if not 0 <= index < self.entries:
            raise StatusListError(f"statusListIndex {index} is outside the list of {self.entries} entries.")

    @property
    def size(self) -> int:
        return len(self.octets) * 8

    def get(self, index: int) -> bool:
        self._check(index)
        return bool(self.octets[index // 8] & (0x80 >> (index % 8)))

    def set(self, index: int, value: bool = True) -> Bitstring:
        """A copy with the bit set (or cleared)."""
        self._check(index)
        octets = bytearray(self.octets)
        mask = 0x80 >> (index % 8)
        octets[index // 8] = octets[index // 8] | mask if value else octets[index // 8] & ~mask
        return Bitstring(bytes(octets))

    def _check(self, index: int) -> None:
        if not 0 <= index < self.size:
            raise StatusListError(f"statusListIndex {index} is outside the list of {self.size} bits.")


def encode(bits: Bitstring) -> str:
    """The `encodedList`: GZIP, then base64url without padding, behind the multibase `u`."""
    if bits.entries < MINIMUM_ENTRIES:
        raise StatusListError(f"A status list holds at least {MINIMUM_ENTRIES} entries.")
    compressed = gzip.compress(bits.octets, mtime=0)
    return MULTIBASE_BASE64URL + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode()


def decode(encoded_list: str) -> Bitstring:
    """The bits an `encodedList` holds; `StatusListError` if it is not one."""
    if not encoded_list.startswith(MULTIBASE_BASE64URL):
        raise StatusListError("encodedList must be multibase base64url (starting with 'u').")
    text = encoded_list[1:]
    try:
        compressed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        gunzip = zlib.decompressobj(wbits=GZIP_WINDOW)
        octets = gunzip.decompress(compressed, MAXIMUM_OCTETS + 1)
    except (binascii.Error, zlib.error, ValueError):
        raise StatusListError("encodedList is not a GZIP-compressed base64url bitstring.") from None
    if len(octets) > MAXIMUM_OCTETS:
        raise StatusListError(f"A status list holds at most {MAXIMUM_OCTETS * 8} bits.")
    if not gunzip.eof:
        raise StatusListError("encodedList is cut short.")
    bits = Bitstring(octets)
    if bits.size < MINIMUM_BITS:
        raise StatusListError(f"A status list holds at least {MINIMUM_BITS} bits.")
    return bits


def unused_random_index(used: Collection[int], entries: int = MINIMUM_ENTRIES) -> int:
    """An index no credential uses yet, drawn uniformly at random (a CSPRNG) from the list's `entries`;
    `StatusListError` when the list is full. The draw is the domain's, which records it as the labelling body's
    event (`domain/labels/credential.py`)."""
    try:
        return credential.unused_random_index(used, entries)
    except credential.StatusListFull:
        raise StatusListError("The status list is full: publish another.") from None


def status_list_credential(list_url: str, issuer: Issuer, bits: Bitstring, valid_from: datetime) -> dict[str, Any]:
    """The list as a credential, to be signed with `signing.sign` and published at `list_url`."""
    return {
        "@context": [VC_CONTEXT],
        "id": list_url,
        "type": list(LIST_TYPES),
        "issuer": {"id": issuer.id, "name": issuer.name},
        "validFrom": timestamp(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": encode(bits),
        },
    }


def status_of(entry: Mapping[str, Any], list_credential: Mapping[str, Any]) -> int:
    """The credential's status in the list its entry points to (the list already verified): `VALID`, `SUSPENDED` or
    `REVOKED` (0x3 reads as revoked). `StatusListError` when the entry and the list do not go together."""
    if entry.get("type") != "BitstringStatusListEntry":
        raise StatusListError("credentialStatus is not a BitstringStatusListEntry.")
    if entry.get("statusPurpose") != STATUS_PURPOSE or entry.get("statusSize") != STATUS_SIZE:
        raise StatusListError(f"credentialStatus must be of purpose {STATUS_PURPOSE} and size {STATUS_SIZE}.")
    if entry.get("statusMessage") != status_messages():
        raise StatusListError("credentialStatus spells out other status messages.")
    if entry.get("statusListCredential") != list_credential.get("id"):
        raise StatusListError("The status list is not the one the entry points to.")
    if "BitstringStatusListCredential" not in list_credential.get("type", ()):
        raise StatusListError("The status list is not a BitstringStatusListCredential.")
    subject = list_credential.get("credentialSubject")
    if not isinstance(subject, dict) or subject.get("type") != "BitstringStatusList":
        raise StatusListError("The status list's subject is not a BitstringStatusList.")
    if subject.get("statusPurpose") != entry.get("statusPurpose"):
        raise StatusListError("The status list serves another purpose than the entry.")
    encoded = subject.get("encodedList")
    if not isinstance(encoded, str):
        raise StatusListError("The status list has no encodedList.")
    value = decode(encoded).status(_index(entry))
    return REVOKED if value & REVOKED else value


def _index(entry: Mapping[str, Any]) -> int:
    index = entry.get("statusListIndex")
    if not isinstance(index, str) or not (index.isascii() and index.isdecimal()):
        raise StatusListError("statusListIndex must be a non-negative integer, as a string.")
    return int(index)
