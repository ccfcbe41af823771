"""Every request's session, before any page or the API reads it: ends it when it idled or outlived its lifetime,
gives it a new token when asked (`SessionStore.renew_sessions_of`), and sends an admin or coach whom their
consultancy requires to have a second factor to set one up before anything else."""

from __future__ import annotations

import anyio.to_thread
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.auth.account_security import AccountSecurityService
from backend.auth.current import SESSION_COOKIE, principal_from_request
from backend.auth.security_log import SecurityEvent, security_event

ENROL_PATH = "/account/second-factor"
OPEN_WHILE_ENROLLING = (ENROL_PATH, "/logout", "/static/", "/health", "/login", "/favicon")
"""What an admin or coach who must first set up a second factor may still reach."""
LIVE_PATH, LIVE_HEADER = "/live/", "x-cordee-live"
"""A live page's stream, and the page fetched again when it changed (`frontend/static/live.js`): neither is the
person using the session, so an open tab does not keep a session from ending when unused."""


class SessionMiddleware:
    def __init__(self, app: ASGIApp, security: AccountSecurityService, max_age_seconds: int, secure: bool) -> None:
        self.app = app
        self.security = security
        self.max_age_seconds = max_age_seconds
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        token = request.cookies.get(SESSION_COOKIE)
        if not token:
            await self.app(scope, receive, send)
            return
        services = self.security.services
        used = not (scope["path"].startswith(LIVE_PATH) or request.headers.get(LIVE_HEADER))
        resumed = await anyio.to_thread.run_sync(services.sessions.resume, token, used)
        request_id = getattr(request.state, "request_id", None)
        address = request.client.host if request.client else None
        if resumed.ended is not None:
            if resumed.ended != "ended":
                description = f"Session ended: {'unused too long' if resumed.ended == 'idle' else 'too old'}."
                security_event(SecurityEvent.SESSION_EXPIRED, description=description, request_id=request_id)
            security_event(
                SecurityEvent.SESSION_USE_AFTER_EXPIRE,
                description="A request came with an ended session's cookie.",
                request_id=request_id,
                address=address,
            )
        record = resumed.record
        if resumed.new_token is not None and record is not None:
            scope.setdefault("state", {})["session_token"] = resumed.new_token
            ids = {"tenant": record.tenant_id, "account": record.account_id}
            security_event(
                SecurityEvent.SESSION_RENEWED, description="Session token renewed.", request_id=request_id, **ids
            )
            send = self._sending_cookie(send, resumed.new_token)
        if record is not None and not scope["path"].startswith(OPEN_WHILE_ENROLLING):
            principal = await anyio.to_thread.run_sync(principal_from_request, services, request)
            if principal is not None and await anyio.to_thread.run_sync(self.security.must_enrol, principal):
                await self._to_enrolment(scope)(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def _to_enrolment(self, scope: Scope) -> Response:
        if scope["path"].startswith("/graphql"):
            message = "Your consultancy requires a second factor: set one up on your account page first."
            return JSONResponse({"errors": [{"message": message, "extensions": {"code": "FORBIDDEN"}}]}, 403)
        return RedirectResponse(ENROL_PATH, status_code=303)

    def _sending_cookie(self, send: Send, token: str) -> Send:
        cookie = Response()
        cookie.set_cookie(
            SESSION_COOKIE, token, max_age=self.max_age_seconds, httponly=True, samesite="lax", secure=self.secure
        )
        set_cookie = cookie.headers["set-cookie"]

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.append("set-cookie", set_cookie)
            await send(message)

        return sending
