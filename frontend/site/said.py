"""What a page says after a successful action: set on the redirect, shown once by the next page (post/redirect/get).

The message rides in a short-lived cookie, signed with the session's own CSRF secret so that no one else can make a
page of ours say something it did not.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from starlette.requests import Request
from starlette.responses import Response

COOKIE = "cordee_said"
LIFETIME_SECONDS = 60
"""Long enough for the redirect to be followed, short enough that a message never greets a later visit."""


def say(response: Response, secret: str, message: str, *, secure: bool) -> None:
    encoded = base64.urlsafe_b64encode(message.encode()).decode()
    value = f"{encoded}.{_signature(secret, encoded)}"
    response.set_cookie(COOKIE, value, LIFETIME_SECONDS, path="/", secure=secure, httponly=True, samesite="lax")


def said(request: Request, secret: str) -> str | None:
    """The message the previous action left for this page, if it is ours and the viewer's."""
    encoded, _, signature = request.cookies.get(COOKIE, "").partition(".")
    if not encoded or not hmac.compare_digest(signature, _signature(secret, encoded)):
        return None
    try:
        return base64.urlsafe_b64decode(encoded).decode()
    except ValueError:
        return None


def forget(request: Request, response: Response) -> None:
    if COOKIE in request.cookies:
        response.delete_cookie(COOKIE, path="/")


def _signature(secret: str, encoded: str) -> str:
    return hmac.new(secret.encode(), encoded.encode(), hashlib.sha256).hexdigest()
