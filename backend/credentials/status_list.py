"""Revocation and suspension published as W3C Bitstring Status Lists: one bit per credential, at the index its
`credentialStatus` entry gives, in a list of at least 131,072 bits (16 KiB, so that one credential's bit hides among
many), GZIP-compressed and written as multibase base64url (`u`, no padding) in a signed
`BitstringStatusListCredential`. A set bit means revoked (in the revocation list) or suspended (in the suspension
list); lifting a suspension clears the bit.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backend.credentials.openbadges import STATUS_PURPOSES, VC_CONTEXT, Issuer, timestamp

MINIMUM_BITS = 131_072
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

    octets: bytes = bytes(MINIMUM_BITS // 8)

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
    if bits.size < MINIMUM_BITS:
        raise StatusListError(f"A status list holds at least {MINIMUM_BITS} bits.")
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


def status_list_credential(
    list_url: str, issuer: Issuer, purpose: str, bits: Bitstring, valid_from: datetime
) -> dict[str, Any]:
    """The list as a credential, to be signed with `signing.sign` and published at `list_url`."""
    if purpose not in STATUS_PURPOSES:
        raise StatusListError(f"statusPurpose must be one of {', '.join(STATUS_PURPOSES)}.")
    return {
        "@context": [VC_CONTEXT],
        "id": list_url,
        "type": list(LIST_TYPES),
        "issuer": {"id": issuer.id, "name": issuer.name},
        "validFrom": timestamp(valid_from),
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode(bits),
        },
    }


def is_set(entry: Mapping[str, Any], list_credential: Mapping[str, Any]) -> bool:
    """Whether the credential's bit is set in the list its entry points to (the list already verified): revoked or
    suspended, as the entry's purpose says. `StatusListError` when the entry and the list do not go together."""
    if entry.get("type") != "BitstringStatusListEntry":
        raise StatusListError("credentialStatus is not a BitstringStatusListEntry.")
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
    return decode(encoded).get(_index(entry))


def _index(entry: Mapping[str, Any]) -> int:
    index = entry.get("statusListIndex")
    if not isinstance(index, str) or not (index.isascii() and index.isdecimal()):
        raise StatusListError("statusListIndex must be a non-negative integer, as a string.")
    return int(index)
