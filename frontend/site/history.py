"""Pages as recorded at a past moment: `?as_of=2026-03-31T14:30` (UTC), or a date (the end of that day).

The page layer reads the moment once per request (`install_history`) and leaves it on the request's state, where
running a page's GraphQL reads it (`frontend.ports.AS_OF_STATE`): every document of the page reads the registers as
recorded then, and no `.graphql` file names it. The rendered page (`shown_as_of`) says so in a banner, keeps the
moment in every link inside the site, and shows no form that would change anything: history is read-only.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import AS_OF_STATE

PARAMETER = "as_of"
BAD_MOMENT = (
    "This address asks for the registers as recorded at a moment that is not one: give a date (2026-03-31) or a "
    "date and time (2026-03-31T14:30), in UTC."
)
TO_COME = "This address asks for the registers as recorded at a moment still to come: history answers up to now."
REGISTER_PAGES = re.compile(
    r"^/(organisations/[^/]+(/.*)?|clusters/[^/]+(/.*)?|documents|assets|risks|soa|context|changes|incidents|audits"
    r"|nonconformities|reviews|competence|metrics|itil|isms)$"
)
"""The pages that show a register (and so the moment picker)."""
ORGANISATION = re.compile(r"^/organisations/([0-9a-fA-F-]{36})(/|$)")
_LINK = re.compile(r"<a\b[^>]*>")
_HREF = re.compile(r'\bhref="(/[^"]*)"')
_GET_FORM = re.compile(r'<form\b[^>]*\bmethod="get"[^>]*>', re.IGNORECASE)
_POST_FORM = re.compile(r'<form\b[^>]*\bmethod="post"[^>]*>.*?</form>', re.DOTALL | re.IGNORECASE)
_MAIN = re.compile(r"(<main\b[^>]*>)(.*)(</main>)", re.DOTALL)


class NotAMoment(Exception):
    """The `as_of` of an address is no moment, or one to come; the message says which."""


def parse_moment(text: str, now: datetime) -> datetime:
    """The moment `?as_of=` names, in UTC, to the second. A date is the end of that day (up to now, for today)."""
    value = text.strip()
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            if day > now.date():
                raise NotAMoment(TO_COME)
            return min(datetime.combine(day, time(23, 59, 59), tzinfo=UTC), now.replace(microsecond=0))
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise NotAMoment(BAD_MOMENT) from None
    aware = parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
    moment = aware.astimezone(UTC).replace(microsecond=0)
    if moment > now:
        raise NotAMoment(TO_COME)
    return moment


def install_history(app: FastAPI, templates: Jinja2Templates) -> None:
    """Reads `?as_of=` of every page asked for: a moment goes on the request's state; a bad one is refused, with
    the page saying why."""

    @app.middleware("http")
    async def as_of(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        given = request.query_params.get(PARAMETER)
        if given is None or given == "" or request.method != "GET":
            return await call_next(request)
        try:
            setattr(request.state, AS_OF_STATE, parse_moment(given, datetime.now(UTC)))
        except NotAMoment as refused:
            context = {"message": str(refused), "viewer": None}
            return templates.TemplateResponse(request, "site/refused.html", context, status_code=400)
        return await call_next(request)


@dataclass(frozen=True)
class History:
    """What the layout shows of history on a page: the picker, and, reading the past, the banner."""

    moment: datetime | None
    picker: bool
    value: str
    """The picker's value (`2026-03-31T14:30`), empty for now."""
    today_href: str
    """This page, now."""
    kept: list[tuple[str, str]]
    """The page's other query parameters, which the picker keeps."""
    compare_href: str | None
    """Comparing two moments of the registers of the organisation the page is about."""

    @property
    def shown(self) -> str:
        return "" if self.moment is None else self.moment.strftime("%a %-d %b %Y, %H:%M:%S UTC")


def history_of(request: Request) -> History:
    moment: datetime | None = getattr(request.state, AS_OF_STATE, None)
    path = request.url.path
    kept = [(k, v) for k, v in parse_qsl(request.url.query, keep_blank_values=True) if k != PARAMETER]
    today = path + (f"?{urlencode(kept)}" if kept else "")
    organisation = ORGANISATION.match(path)
    compare = f"/organisations/{organisation.group(1)}/history/compare" if organisation else None
    value = "" if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%S")
    return History(moment, bool(REGISTER_PAGES.match(path)), value, today, kept, compare)


def shown_as_of(html: str, moment: datetime | None) -> str:
    """Reading the past, the page keeps the moment in every link inside the site and shows no form that posts
    (the header's sign-out form is outside `main` and stays)."""
    if moment is None:
        return html
    value = moment.strftime("%Y-%m-%dT%H:%M:%S")

    def keep(link: re.Match[str]) -> str:
        tag = link.group(0)
        return tag if "data-now" in tag else _HREF.sub(lambda href: f'href="{_with(href.group(1), value)}"', tag)

    def stays(form: re.Match[str]) -> str:
        tag = form.group(0)
        hidden = f'<input type="hidden" name="{PARAMETER}" value="{value}">'
        return tag if "as-of-picker" in tag else tag + hidden

    def read_only(main: re.Match[str]) -> str:
        return main.group(1) + _GET_FORM.sub(stays, _POST_FORM.sub("", main.group(2))) + main.group(3)

    return _LINK.sub(keep, _MAIN.sub(read_only, html, count=1))


def _with(href: str, value: str) -> str:
    """A link inside the site, keeping the moment (unless it names one of its own, or is a static file)."""
    if href.startswith("/static/") or f"{PARAMETER}=" in href:
        return href
    path, hashed, anchor = href.partition("#")
    return f"{path}{'&amp;' if '?' in path else '?'}{PARAMETER}={value}{hashed}{anchor}"


def history_context(request: Request) -> dict[str, Any]:
    return {"history": history_of(request)}
