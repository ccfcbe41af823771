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

import argparse
import base64
import hashlib
import json
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


# The auditor's bundle, verified offline: `python verify.py BUNDLE [--key VKEY]`

BUNDLE_FORMAT = "cordee-audit-bundle/1"
MANIFEST_NOTE_ORIGIN = "cordee-audit-bundle"


def manifest_note_body(manifest: bytes) -> str:
    """The text the instance signs for a bundle: the format and the SHA-256 of `manifest.json`."""
    return f"{MANIFEST_NOTE_ORIGIN}\n{hashlib.sha256(manifest).hexdigest()}\n"


class BundleInvalid(Exception):
    pass


def _read_bundle(path: str) -> dict[str, bytes]:
    folder = Path(path)
    if folder.is_dir():
        return {file.name: file.read_bytes() for file in folder.iterdir() if file.is_file()}
    with zipfile.ZipFile(folder) as zipped:
        return {name: zipped.read(name) for name in zipped.namelist()}


def _keys(files: dict[str, bytes], given: Sequence[str]) -> dict[bytes, tuple[str, bytes]]:
    texts = list(given) or [k["verifierKey"] for k in json.loads(files.get("keys.json", b"[]"))]
    keys = {}
    for text in texts:
        name, found_id, public_key = parse_vkey(text)
        keys[found_id] = (name, public_key)
    return keys


def _signed_by_known_key(note: Checkpoint, keys: dict[bytes, tuple[str, bytes]]) -> bool:
    return any(found_id in keys and signature_valid(note, *keys[found_id]) for _, found_id, _ in note.signatures)


def _signed_note(text: str) -> Checkpoint:
    """A signed note's parts, checkpoint or not (the manifest's note has two lines)."""
    body, _, signed = text.partition("\n\n")
    body += "\n"
    lines = body.splitlines()
    signatures = []
    for line in signed.splitlines():
        name, _, encoded = line[len(SIGNATURE_PREFIX) :].rpartition(" ")
        raw = base64.b64decode(encoded, validate=True)
        signatures.append((name, raw[:4], raw[4:]))
    return Checkpoint(lines[0], 0, b"", tuple(lines[1:]), body, tuple(signatures))


def verify_bundle(path: str, given_keys: Sequence[str] = ()) -> list[str]:
    """What the bundle proves, line by line; BundleInvalid names the first thing that does not hold."""
    files = _read_bundle(path)
    for name in ("manifest.json", "manifest.sig", "events.jsonl", "proofs.jsonl"):
        if name not in files:
            raise BundleInvalid(f"The bundle has no {name}.")
    keys = _keys(files, given_keys)
    said = [f"Keys trusted: {', '.join(name + ' ' + key_id.hex() for key_id, (name, _) in keys.items())}"]
    if not given_keys:
        said.append("(taken from the bundle's keys.json: compare them with the instance's published keys)")
    manifest = _signed_manifest(files, keys)
    said.append("manifest.json: signed by the instance")
    checkpoint = parse_checkpoint(manifest["checkpoint"])
    if not _signed_by_known_key(checkpoint, keys):
        raise BundleInvalid("The checkpoint's signature does not verify with a trusted key.")
    if not checkpoint.origin.endswith(f"/tenants/{manifest['tenant_id']}"):
        raise BundleInvalid("The checkpoint is of another log than the bundle's consultancy.")
    said.append(f"Checkpoint: {checkpoint.origin}, size {checkpoint.size}, signed")
    _check_events(manifest["events"], files, checkpoint)
    said.append(f"Events: {len(manifest['events'])}, each proved included in the signed log")
    if manifest.get("previous_checkpoint"):
        earlier = _check_consistency(manifest, checkpoint, keys)
        said.append(f"Consistent with the previous bundle's checkpoint (size {earlier.size})")
    for name, digest in manifest["files"].items():
        if name not in files or hashlib.sha256(files[name]).hexdigest() != digest:
            raise BundleInvalid(f"{name} is not the file the instance signed in the manifest.")
    said.append(f"Files as signed: {', '.join(sorted(manifest['files']))}")
    return said


def _signed_manifest(files: dict[str, bytes], keys: dict[bytes, tuple[str, bytes]]) -> dict[str, Any]:
    note = _signed_note(files["manifest.sig"].decode())
    if note.body != manifest_note_body(files["manifest.json"]) or not _signed_by_known_key(note, keys):
        raise BundleInvalid("manifest.json is not the one the instance signed (manifest.sig).")
    manifest: dict[str, Any] = json.loads(files["manifest.json"])
    if manifest.get("format") != BUNDLE_FORMAT:
        raise BundleInvalid(f"Not a {BUNDLE_FORMAT} bundle.")
    return manifest


def _check_events(listed: list[dict[str, Any]], files: dict[str, bytes], checkpoint: Checkpoint) -> None:
    """Each event the manifest lists is on its line, proved included at its sequence number, in the log's order."""
    lines = files["events.jsonl"].splitlines()
    proofs = [json.loads(line) for line in files["proofs.jsonl"].splitlines()]
    previous_position = -1
    for number, entry in enumerate(listed):
        sequence, originator, version = entry["sequence_number"], entry["originator_id"], entry["originator_version"]
        name = f"event {number + 1} (aggregate {originator} version {version}, sequence number {sequence})"
        if number >= len(lines) or number >= len(proofs):
            raise BundleInvalid(f"{name} is missing from the bundle.")
        event = _parsed_line(lines[number])
        if (event.get("originator_id"), event.get("originator_version")) != (originator, version):
            found = f"aggregate {event.get('originator_id')} version {event.get('originator_version')}"
            raise BundleInvalid(f"{name}: line {number + 1} of events.jsonl holds {found} instead.")
        proof = proofs[number]
        path_hashes = [base64.b64decode(h) for h in proof["audit_path"]]
        if proof["sequence_number"] != sequence or not verify_inclusion(
            sequence, checkpoint.size, leaf_hash(lines[number]), path_hashes, checkpoint.root
        ):
            raise BundleInvalid(f"{name} is not in the signed log as it stands in the bundle: it was altered.")
        if sequence <= previous_position:
            raise BundleInvalid(f"{name} is out of the log's order.")
        previous_position = sequence
    if len(lines) > len(listed):
        extra = _parsed_line(lines[len(listed)])
        found = f"aggregate {extra.get('originator_id')} version {extra.get('originator_version')}"
        raise BundleInvalid(f"events.jsonl holds an event the manifest does not list: {found}.")
    if len(proofs) != len(listed):
        raise BundleInvalid("proofs.jsonl does not hold one proof per event.")


def _check_consistency(
    manifest: dict[str, Any], checkpoint: Checkpoint, keys: dict[bytes, tuple[str, bytes]]
) -> Checkpoint:
    earlier = parse_checkpoint(manifest["previous_checkpoint"])
    consistency = [base64.b64decode(h) for h in manifest["consistency_proof"]]
    if not _signed_by_known_key(earlier, keys):
        raise BundleInvalid("The previous bundle's checkpoint is not signed by a trusted key.")
    if not verify_consistency(earlier.size, checkpoint.size, earlier.root, checkpoint.root, consistency):
        raise BundleInvalid(
            f"The log at size {checkpoint.size} does not extend the previous bundle's (size {earlier.size}): "
            "its history was rewritten."
        )
    return earlier


def _parsed_line(line: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(line)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Verify a Cordee auditor's bundle offline.")
    parser.add_argument("bundle", help="the bundle: its ZIP file or the folder it was unpacked to")
    parser.add_argument("--key", action="append", default=[], help="a trusted verifier key (name+id+key); repeat")
    arguments = parser.parse_args(argv)
    try:
        said = verify_bundle(arguments.bundle, arguments.key)
    except (BundleInvalid, ValueError, KeyError) as error:
        print(f"FAILED: {error}")
        return 1
    for line in said:
        print(line)
    print("VERIFIED")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
