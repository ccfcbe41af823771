"""Signing out at the provider sends the browser to its end_session_endpoint only when that is at its issuer."""

from __future__ import annotations

import pytest

from backend.auth.single_sign_on import _at_the_issuer

ISSUER = "https://id.example.org/realms/alpine"


@pytest.mark.parametrize(
    ("endpoint", "sent"),
    [
        ("https://id.example.org/realms/alpine/logout", True),
        ("https://id.example.org/session/end?x=1", True),
        ("https://evil.example/logout", False),
        ("http://id.example.org/logout", False),  # another scheme is another origin
        ("https://id.example.org:8443/logout", False),
        ("javascript:alert(1)", False),
        ("//evil.example/logout", False),
        ("", False),
        (None, False),
        (["https://id.example.org/logout"], False),
    ],
)
def test_only_an_endpoint_at_the_issuer_s_origin_is_followed(endpoint: object, sent: bool) -> None:
    assert _at_the_issuer(endpoint, ISSUER) is sent
