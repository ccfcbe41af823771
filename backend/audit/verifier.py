"""The log's mathematics, free of Cordee: Merkle trees as RFC 9162 hashes them, and signed checkpoints.

This file imports nothing of Cordee and nothing beyond Python's standard library, except `cryptography` to check an
Ed25519 signature. Cordee uses it for its own log, and ships it unchanged as `verify.py` in every auditor's bundle,
so what an auditor runs is exactly what Cordee runs.

- Leaf hash: SHA-256(0x00 || the event's canonical bytes); node hash: SHA-256(0x01 || left || right)
  (RFC 9162, 2.1.1). The tree over n leaves splits at the largest power of two below n.
- Checkpoints are C2SP `tlog-checkpoint` notes (origin, tree size, base64 root hash, then extension lines),
  signed as C2SP `signed-note` with Ed25519: a signature line is `— <key name> <base64(key id || signature)>`,
  the key id being the first four bytes of SHA-256(key name || 0x0A || 0x01 || public key).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

EMPTY_ROOT = hashlib.sha256(b"").digest()
ED25519 = b"\x01"
SIGNATURE_PREFIX = "\u2014 "


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


class Peaks:
    """A growing tree kept as the roots of its perfect subtrees, largest first: appending costs O(log n)."""

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        if len(hashes) != bin(size).count("1"):
            raise ValueError("A tree of this size has another number of peaks.")
        self.size = size
        self.hashes = list(hashes)

    @classmethod
    def unpacked(cls, size: int, packed: bytes) -> Peaks:
        return cls(size, [packed[i : i + 32] for i in range(0, len(packed), 32)])

    def packed(self) -> bytes:
        return b"".join(self.hashes)

    def append(self, leaf: bytes) -> None:
        self.hashes.append(leaf)
        carried = self.size
        while carried & 1:
            right = self.hashes.pop()
            self.hashes[-1] = node_hash(self.hashes[-1], right)
            carried >>= 1
        self.size += 1

    def root(self) -> bytes:
        if not self.hashes:
            return EMPTY_ROOT
        root = self.hashes[-1]
        for peak in reversed(self.hashes[:-1]):
            root = node_hash(peak, root)
        return root


def root_of(leaves: Iterable[bytes]) -> bytes:
    peaks = Peaks()
    for leaf in leaves:
        peaks.append(leaf)
    return peaks.root()


class Tree:
    """Every level of a tree over known leaves: level j, index i is the hash of leaves [i·2^j, min((i+1)·2^j, n))."""

    def __init__(self, leaves: Sequence[bytes]) -> None:
        self.size = len(leaves)
        self.levels: list[list[bytes]] = [list(leaves)]
        while len(self.levels[-1]) > 1:
            below = self.levels[-1]
            above = [node_hash(below[i], below[i + 1]) for i in range(0, len(below) - 1, 2)]
            if len(below) % 2:
                above.append(below[-1])
            self.levels.append(above)

    def root(self) -> bytes:
        return self.levels[-1][0] if self.size else EMPTY_ROOT

    def inclusion_proof(self, index: int) -> list[bytes]:
        """The audit path of leaf `index` (RFC 9162, 2.1.3.1), deepest sibling first."""
        if not 0 <= index < self.size:
            raise ValueError("No leaf at this index.")
        proof = []
        for level in self.levels[:-1]:
            sibling = index ^ 1
            if sibling < len(level):
                proof.append(level[sibling])
            index >>= 1
        return proof

    def subtree(self, start: int, end: int) -> bytes:
        """The hash of leaves [start, end), from the levels where the range is one node."""
        width = end - start
        if width & (width - 1) == 0 and start % width == 0:
            return self.levels[width.bit_length() - 1][start // width]
        if end == self.size:
            height = (width - 1).bit_length()
            if start % (1 << height) == 0 and height < len(self.levels):
                return self.levels[height][start >> height]
        split = 1 << ((width - 1).bit_length() - 1)
        return node_hash(self.subtree(start, start + split), self.subtree(start + split, end))

    def consistency_proof(self, first: int) -> list[bytes]:
        """The proof that the tree of size `first` is a prefix of this one (RFC 9162, 2.1.4.1)."""
        if not 0 < first <= self.size:
            raise ValueError("A consistency proof starts from a tree of size 1 to n.")
        return self._subproof(first, 0, self.size, True)

    def _subproof(self, first: int, start: int, end: int, whole: bool) -> list[bytes]:
        size = end - start
        if first == size:
            return [] if whole else [self.subtree(start, end)]
        split = 1 << ((size - 1).bit_length() - 1)
        if first <= split:
            return [*self._subproof(first, start, start + split, whole), self.subtree(start + split, end)]
        return [*self._subproof(first - split, start + split, end, False), self.subtree(start, start + split)]


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes) -> bool:
    """RFC 9162, 2.1.3.2."""
    if index >= size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]) -> bool:
    """RFC 9162, 2.1.4.2; from an empty tree every tree follows."""
    if first == 0:
        return not proof
    if first > second:
        return False
    if first == second:
        return not proof and first_root == second_root
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_root)
    if not path:
        return False
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return fr == first_root and sr == second_root and sn == 0


# Signed checkpoints


def key_id(name: str, public_key: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + public_key).digest()[:4]


def vkey(name: str, public_key: bytes) -> str:
    """The verifier key as signed-note tools print it: name+hex(key id)+base64(0x01 || key)."""
    return f"{name}+{key_id(name, public_key).hex()}+{base64.b64encode(ED25519 + public_key).decode()}"


def parse_vkey(text: str) -> tuple[str, bytes, bytes]:
    """(name, key id, public key) of a verifier key; ValueError when it is not an Ed25519 one."""
    name, hex_id, encoded = text.strip().split("+", 2)
    raw = base64.b64decode(encoded, validate=True)
    if raw[:1] != ED25519 or len(raw) != 33 or key_id(name, raw[1:]).hex() != hex_id:
        raise ValueError("Not an Ed25519 verifier key.")
    return name, bytes.fromhex(hex_id), raw[1:]


def checkpoint_body(origin: str, size: int, root: bytes, extensions: Sequence[str] = ()) -> str:
    lines = [origin, str(size), base64.b64encode(root).decode(), *extensions]
    return "".join(f"{line}\n" for line in lines)


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes
    extensions: tuple[str, ...]
    body: str
    signatures: tuple[tuple[str, bytes, bytes], ...]
    """Each (key name, key id, signature)."""


def parse_checkpoint(note: str) -> Checkpoint:
    """A signed checkpoint note's parts; ValueError when it is malformed."""
    body, separator, signed = note.partition("\n\n")
    if not separator or not signed.endswith("\n"):
        raise ValueError("A signed note is its text, a blank line and signature lines.")
    body += "\n"
    lines = body.splitlines()
    if len(lines) < 3 or not lines[1].isdigit():
        raise ValueError("A checkpoint starts with its origin, its tree size and its root hash.")
    root = base64.b64decode(lines[2], validate=True)
    if len(root) != 32:
        raise ValueError("A checkpoint's root hash is 32 bytes.")
    signatures = []
    for line in signed.splitlines():
        if not line.startswith(SIGNATURE_PREFIX):
            raise ValueError("A signature line starts with an em dash and a space.")
        name, _, encoded = line[len(SIGNATURE_PREFIX) :].rpartition(" ")
        raw = base64.b64decode(encoded, validate=True)
        signatures.append((name, raw[:4], raw[4:]))
    return Checkpoint(lines[0], int(lines[1]), root, tuple(lines[3:]), body, tuple(signatures))


def signature_valid(checkpoint: Checkpoint, name: str, public_key: bytes) -> bool:
    """Whether one of the note's signatures is this key's over its text (needs the `cryptography` package)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    wanted = key_id(name, public_key)
    verifier = Ed25519PublicKey.from_public_bytes(public_key)
    for signer, found_id, signature in checkpoint.signatures:
        if signer == name and found_id == wanted:
            try:
                verifier.verify(signature, checkpoint.body.encode())
            except InvalidSignature:
                return False
            return True
    return False
