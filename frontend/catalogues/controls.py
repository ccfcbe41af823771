"""A control's page: its place in the catalogue and the consultancy's own text of it, with the form to paste it."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

CONTROL = graphql_document(__file__, "control")
WRITE_TEXT = graphql_document(__file__, "write_control_text")


class ControlPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        path = "/catalogues/{catalogue_id}/controls/{control_id}"
        self.router.add_api_route(path, self.control, methods=["GET"])
        self.router.add_api_route(f"{path}/text", self.write_text, methods=["POST"])

    async def control(self, request: Request, catalogue_id: str, control_id: str) -> Response:
        return await self._control(request, catalogue_id, control_id)

    async def _control(
        self, request: Request, catalogue_id: str, control_id: str, shown: FormState = UNTOUCHED
    ) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, CONTROL, {"id": catalogue_id, "control": control_id})
        catalogue: dict[str, Any] = data.get("catalogue") or {}
        if catalogue.get("__typename") != "Catalogue" or not catalogue.get("control"):
            raise NotInView(catalogue.get("message", "There is no such control."))
        control = catalogue["control"]
        group = next((g for g in catalogue["groups"] if g["id"] == control["group"]), {"title": control["group"]})
        context = {"catalogue": catalogue, "control": control, "group": group}
        return self._render(request, "catalogues/control.html", viewer, context, shown)

    async def write_text(self, request: Request, catalogue_id: str, control_id: str) -> Response:
        form = await self._submission(request, "text")
        variables = {"catalogue": catalogue_id, "control": control_id, "text": form.required("text")}
        redisplay = partial(self._control, request, catalogue_id, control_id)
        done = f"/catalogues/{catalogue_id}/controls/{control_id}"
        says = "The consultancy's text of this control is saved; only its own people read it."
        return await self._submit(request, form, WRITE_TEXT, variables, redisplay, done, says, ("text",))
