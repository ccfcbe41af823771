"""The consultancy's classification scales: every reader sees them; its admins set a new version.

Each scale is typed as one level a line, "label: description", numbered 1, 2, 3, … in the order given."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.assets.views import DIMENSIONS
from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import PageBase

SCALES = graphql_document(__file__, "scales")
SET_SCALES = graphql_document(__file__, "set_classification_scales")
LINE_FORMAT = "Write each level on its own line as “label: description”."


class ScalesPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route("/asset-scales", self.scales, methods=["GET"])
        self.router.add_api_route("/asset-scales", self.set_scales, methods=["POST"])

    async def scales(self, request: Request) -> Response:
        return await self._scales(request)

    async def _scales(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        scales = (await self._query(request, SCALES, {})).get("classificationScales") or {}
        typed = {dimension: as_lines(scales.get(dimension, [])) for dimension, _ in DIMENSIONS}
        context = {"scales": scales, "typed": typed, "dimensions": DIMENSIONS}
        return self._render(request, "assets/scales.html", viewer, context, shown)

    async def set_scales(self, request: Request) -> Response:
        form = await self._submission(request)
        variables = {dimension: levels(form, dimension) for dimension, _ in DIMENSIONS}
        says = "The new scales are in use; classified assets keep the version they were classified with."
        redisplay = partial(self._scales, request)
        return await self._submit(request, form, SET_SCALES, variables, redisplay, "/asset-scales", says)


def as_lines(levels: list[dict[str, Any]]) -> str:
    return "\n".join(f"{level['label']}: {level['description']}" for level in levels)


def levels(form: Submission, dimension: str) -> list[dict[str, Any]]:
    """The levels typed, numbered in order; a line without its description is an error beside the scale."""
    found = []
    for value, line in enumerate(form.lines(dimension), start=1):
        label, colon, description = line.partition(":")
        if not colon or not label.strip() or not description.strip():
            form.errors[dimension] = LINE_FORMAT
        found.append({"value": value, "label": label.strip(), "description": description.strip()})
    return found
