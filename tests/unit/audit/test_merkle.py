"""The log's Merkle trees against RFC 9162's definitions and the certificate-transparency reference vectors."""

from __future__ import annotations

import hashlib

import pytest

from backend.audit.verifier import (
    EMPTY_ROOT,
    Peaks,
    Tree,
    leaf_hash,
    node_hash,
    root_of,
    verify_consistency,
    verify_inclusion,
)

# The eight leaf inputs and the roots of their prefixes, from the certificate-transparency reference tests.
INPUTS = [
    bytes.fromhex(h)
    for h in ("", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f")
]
ROOTS = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]


def mth(leaves: list[bytes]) -> bytes:
    """RFC 9162's definition, word for word: split at the largest power of two smaller than n."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return node_hash(mth(leaves[:k]), mth(leaves[k:]))


def leaves(n: int) -> list[bytes]:
    return [leaf_hash(str(i).encode()) for i in range(n)]


def test_the_roots_are_those_of_the_reference_vectors() -> None:
    hashed = [leaf_hash(data) for data in INPUTS]
    for size, expected in enumerate(ROOTS, start=1):
        assert root_of(hashed[:size]).hex() == expected
        assert Tree(hashed[:size]).root().hex() == expected
    assert root_of([]) == EMPTY_ROOT == hashlib.sha256(b"").digest()


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 8, 9, 16, 17, 31, 33, 100])
def test_growing_peaks_and_levels_give_the_defined_root_at_every_size(size: int) -> None:
    peaks = Peaks()
    for i, leaf in enumerate(leaves(size), start=1):
        peaks.append(leaf)
        assert peaks.size == i
        assert peaks.root() == mth(leaves(i))
    assert Peaks.unpacked(peaks.size, peaks.packed()).root() == peaks.root() == Tree(leaves(size)).root()


def test_every_inclusion_proof_verifies_and_a_wrong_one_does_not() -> None:
    for size in range(1, 40):
        tree = Tree(leaves(size))
        for index in range(size):
            proof = tree.inclusion_proof(index)
            assert verify_inclusion(index, size, leaves(size)[index], proof, tree.root())
            assert not verify_inclusion(index, size, leaf_hash(b"another"), proof, tree.root())
            if size > 1:
                assert not verify_inclusion((index + 1) % size, size, leaves(size)[index], proof, tree.root())
                assert not verify_inclusion(index, size, leaves(size)[index], proof[:-1], tree.root())


def test_every_consistency_proof_verifies_and_a_forked_history_does_not() -> None:
    for second in range(1, 34):
        tree = Tree(leaves(second))
        for first in range(1, second + 1):
            proof = tree.consistency_proof(first)
            first_root = mth(leaves(first))
            assert verify_consistency(first, second, first_root, tree.root(), proof), (first, second)
            forked = mth([leaf_hash(b"rewritten"), *leaves(first)[1:]])
            assert not verify_consistency(first, second, forked, tree.root(), proof), (first, second)
            if proof:
                bent = [proof[0][::-1], *proof[1:]]
                assert not verify_consistency(first, second, first_root, tree.root(), bent), (first, second)


def test_a_peak_list_of_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="peaks"):
        Peaks(3, [leaf_hash(b"one")])
