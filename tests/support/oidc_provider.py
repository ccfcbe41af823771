"""A real OpenID provider for the single sign-on tests: oidc-provider (tests/oidc_provider) run by Node.js on loopback.

Its development sign-in pages take any login name and password; the login name is the subject, and, when it is an
e-mail address, the e-mail claim too (verified unless the name starts with `unverified.`).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType
from urllib.parse import urljoin

import httpx
import pytest

FOLDER = Path(__file__).parent.parent / "oidc_provider"
CLIENT_ID = "cordee-tests"
CLIENT_SECRET = "a-client-secret-for-the-tests-only-0123456789"
CALLBACK_PATH = "/login/sso/callback"
SIGNED_OUT_PATH = "/login"

_FORM = re.compile(r'<form[^>]*action="([^"]+)"[^>]*method="post"', re.IGNORECASE)
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', re.IGNORECASE)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class OpenIdProvider:
    """Starts the provider on a free loopback port, waits for its discovery document, and stops it."""

    def __init__(self, *redirect_uris: str) -> None:
        self.redirect_uris = redirect_uris
        self.post_logout_redirect_uris = [uri.replace(CALLBACK_PATH, SIGNED_OUT_PATH) for uri in redirect_uris]
        """Cordee's sign-in page beside each callback: where signing out at the provider sends the browser back."""
        self.port = free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> OpenIdProvider:
        node = shutil.which("node")
        if node is None or not (FOLDER / "node_modules").is_dir():
            pytest.fail(
                "Node.js and tests/oidc_provider/node_modules are needed: run infra/scripts/install-system-test-deps.sh"
            )
        environment = {
            **os.environ,
            "PORT": str(self.port),
            "CLIENT_ID": CLIENT_ID,
            "CLIENT_SECRET": CLIENT_SECRET,
            "REDIRECT_URIS": ",".join(self.redirect_uris),
            "POST_LOGOUT_REDIRECT_URIS": ",".join(self.post_logout_redirect_uris),
        }
        self.process = subprocess.Popen(
            [node, "provider.mjs"], cwd=FOLDER, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                errors = self.process.stderr.read().decode() if self.process.stderr else ""
                pytest.fail(f"The OpenID provider stopped at start: {errors}")
            try:
                if httpx.get(self.issuer + "/.well-known/openid-configuration", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.05)
        self.__exit__(None, None, None)
        pytest.fail("The OpenID provider did not answer within 20 s")

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
            if self.process.stderr:
                self.process.stderr.close()


def sign_in_at_provider(browser: httpx.Client, url: str, login: str) -> str:
    """Follows the provider's redirects from the authorization URL, submits its sign-in form (as `login`) and its
    consent form, and answers the URL it finally sends the browser to (Cordee's callback)."""
    for _ in range(12):
        response = browser.get(url)
        while response.is_redirect:
            url = urljoin(str(response.url), response.headers["location"])
            if not url.startswith(str(browser.base_url).rstrip("/")):
                return url  # back to the relying party
            response = browser.get(url)
        form = _FORM.search(response.text)
        assert form, response.text[:500]
        fields = {name: html.unescape(value) for name, value in _HIDDEN.findall(response.text)}
        if fields.get("prompt") == "login":
            fields |= {"login": login, "password": "any"}
        response = browser.post(urljoin(str(response.url), html.unescape(form.group(1))), data=fields)
        assert response.is_redirect, response.text[:500]
        url = urljoin(str(response.url), response.headers["location"])
        if not url.startswith(str(browser.base_url).rstrip("/")):
            return url
    raise AssertionError("The provider never sent the browser back")
