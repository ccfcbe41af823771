"""The consultancy's risk method: every reader sees it; its admins set a new version.

Scales are typed one level a line, "label: description"; the matrix one line a likelihood (the lowest first), the
level of each impact separated by spaces; the acceptance one line a level, "owner" or "management"."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from frontend.risks import views
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import PageBase

METHOD = graphql_document(__file__, "risk_method")
SET_METHOD = graphql_document(__file__, "set_risk_method")
SCALES = (("likelihood", "Likelihood"), ("impact", "Impact"), ("levels", "Risk levels"))
LINE_FORMAT = "Write each level on its own line as “label: description”."
MATRIX_FORMAT = "Write one line a likelihood, lowest first, with a level number for each impact."
ACCEPTANCE_FORMAT = "Write one line a level, lowest first: owner or management."


class MethodPages(PageBase):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.router.add_api_route("/risk-method", self.method, methods=["GET"])
        self.router.add_api_route("/risk-method", self.set_method, methods=["POST"])

    async def method(self, request: Request) -> Response:
        return await self._method(request)

    async def _method(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        method = (await self._query(request, METHOD, {}))["riskMethod"]
        typed = {name: as_lines(method[name]) for name, _ in SCALES}
        typed["matrix"] = matrix_lines(method)
        typed["acceptance"] = "\n".join(rule["acceptedBy"] for rule in method["acceptance"])
        context = {"method": method, "typed": typed, "scales": SCALES, "views": views}
        return self._render(request, "risks/method.html", viewer, context, shown)

    async def set_method(self, request: Request) -> Response:
        form = await self._submission(request)
        variables: dict[str, Any] = {name: levels(form, name) for name, _ in SCALES}
        variables["matrix"] = matrix(form)
        variables["acceptance"] = acceptance(form)
        says = "The new method is in use; past assessments keep the version they were made with."
        return await self._submit(
            request, form, SET_METHOD, variables, partial(self._method, request), "/risk-method", says
        )


def as_lines(levels: list[dict[str, Any]]) -> str:
    return "\n".join(f"{level['label']}: {level['description']}" for level in levels)


def matrix_lines(method: dict[str, Any]) -> str:
    rows: dict[int, list[str]] = {}
    for cell in method["matrix"]:
        rows.setdefault(cell["likelihood"], []).append(str(cell["level"]))
    return "\n".join(" ".join(rows[likelihood]) for likelihood in sorted(rows))


def levels(form: Submission, name: str) -> list[dict[str, Any]]:
    """The levels typed, numbered in order; a line without its description is an error beside the scale."""
    found = []
    for value, line in enumerate(form.lines(name), start=1):
        label, colon, description = line.partition(":")
        if not colon or not label.strip() or not description.strip():
            form.errors[name] = LINE_FORMAT
        found.append({"value": value, "label": label.strip(), "description": description.strip()})
    return found


def matrix(form: Submission) -> list[dict[str, int]]:
    cells = []
    for likelihood, line in enumerate(form.lines("matrix"), start=1):
        for impact, level in enumerate(line.split(), start=1):
            if not (level.isascii() and level.isdigit() and len(level) <= 9):
                form.errors["matrix"] = MATRIX_FORMAT
                continue
            cells.append({"likelihood": likelihood, "impact": impact, "level": int(level)})
    return cells


def acceptance(form: Submission) -> list[dict[str, Any]]:
    return [
        {"level": level, "acceptedBy": line.strip().casefold()}
        for level, line in enumerate(form.lines("acceptance"), start=1)
    ]
