"""The product hashes passwords with RFC 9106's argon2id profile; the suite's cheaper one changes nothing else."""

from __future__ import annotations

import subprocess
import sys

from argon2 import profiles

from backend.auth import passwords


def test_the_product_hashes_with_argon2id_at_rfc_9106_s_recommended_cost() -> None:
    # A fresh interpreter: the suite itself hashes with the cheapest profile.
    made = subprocess.run(
        [sys.executable, "-c", "from backend.auth.passwords import hash_password; print(hash_password('a walk'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert made.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert passwords.PRODUCT_PROFILE == profiles.RFC_9106_LOW_MEMORY


def test_a_hash_of_either_profile_verifies_and_a_wrong_password_or_unknown_account_does_not() -> None:
    product_hash = "$argon2id$v=19$m=65536,t=3,p=4$6ttk1ZA1b85T15ikvOKkiw$DT7FQRx46D7UOOwoupinlqPTbmWhkpar+cY3yGGyGJ4"
    assert passwords.verify_password(product_hash, "cordee-demo-2026")
    cheap = passwords.hash_password("a long walk by the river")
    assert passwords.verify_password(cheap, "a long walk by the river")
    assert not passwords.verify_password(cheap, "a long walk by the sea")
    assert not passwords.verify_password(None, "no such account"), "the unknown account's hash opens nothing"
