"""The labelled professionals' pages. Who sees which is the API's to say: each page shows what its query answers,
and a page whose query is refused is answered as one out of view."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts, Viewer
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

PROFESSIONAL_HOME = graphql_document(__file__, "professional_home")
PROFESSIONALS = graphql_document(__file__, "professionals")
LABELLING_BODY = graphql_document(__file__, "labelling_body")
REQUEST_LINK = graphql_document(__file__, "request_professional_link")
END_LINK = graphql_document(__file__, "end_professional_link")
CONSENT = graphql_document(__file__, "consent_to_professional_link")
DECLINE = graphql_document(__file__, "decline_professional_link")
END_CONSENT = graphql_document(__file__, "end_professional_consent")

STATUS = {"REQUESTED": "Asked", "IN_FORCE": "In force", "DECLINED": "Declined", "ENDED": "Ended"}
PROFESSIONAL_ACTIONS = {
    "consent": (CONSENT, "You consented: the link is in force."),
    "decline": (DECLINE, "You declined the request."),
    "end": (END_CONSENT, "You ended the link."),
}


class LabelPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/professional", self.professional_home, methods=["GET"])
        routes.add_api_route("/professional/links/{link_id}/{verb}", self.professional_act, methods=["POST"])
        routes.add_api_route("/labelling-body", self.labelling_body, methods=["GET"])
        routes.add_api_route("/professionals", self.professionals, methods=["GET"])
        routes.add_api_route("/professionals", self.request_link, methods=["POST"])
        routes.add_api_route("/professionals/{link_id}/end", self.end_link, methods=["POST"])

    # The professional's home

    async def professional_home(self, request: Request) -> Response:
        return await self._professional_page(request)

    async def _professional_page(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._own_home(request, "/professional")
        data = await self._query(request, PROFESSIONAL_HOME, {})
        links = _links(data)
        context = {
            "label_tracks": (data.get("mine") or {}).get("tracks") or [],
            "evaluations_asked": (data.get("asked") or {}).get("evaluations") or [],
            "credentials": (data.get("credentials") or {}).get("credentials") or [],
            "requests": [link for link in links if link["viewerCan"]["consent"]],
            "in_force": [link for link in links if link["status"] == "IN_FORCE"],
            "past": [link for link in links if link["status"] in ("DECLINED", "ENDED")],
            "status": STATUS,
        }
        return self._render(request, "labels/professional.html", viewer, context, shown)

    async def professional_act(self, request: Request, link_id: str, verb: str) -> Response:
        self._own_home(request, "/professional")
        if verb not in PROFESSIONAL_ACTIONS:
            raise NotInView
        document, says = PROFESSIONAL_ACTIONS[verb]
        form = await self._submission(request, f"{verb}-{link_id}")

        async def redisplay(shown: FormState) -> Response:
            return await self._professional_page(request, shown)

        variables = {"linkId": link_id}
        return await self._submit(request, form, document, variables, redisplay, "/professional", says, ())

    # The labelling body's home

    async def labelling_body(self, request: Request) -> Response:
        viewer = self._own_home(request, "/labelling-body")
        data = await self._query(request, LABELLING_BODY, {})
        if (data.get("body") or {}).get("__typename") != "LabellingBody":
            raise NotInView
        return self._render(request, "labels/labelling_body.html", viewer, {"me": data["viewer"], "body": data["body"]})

    # The consultancy admin's Professionals page

    async def professionals(self, request: Request) -> Response:
        return await self._professionals_page(request)

    async def _professionals_page(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        if not viewer.administers:
            raise NotInView
        data = await self._query(request, PROFESSIONALS, {})
        coaches = [(coach["id"], coach["displayName"]) for coach in data.get("coaches") or []]
        context = {"links": _links(data), "coaches": coaches, "status": STATUS}
        return self._render(request, "labels/professionals.html", viewer, context, shown)

    async def request_link(self, request: Request) -> Response:
        if not self._viewer(request).administers:
            raise NotInView
        form = await self._submission(request, "request")
        variables = {"coachId": form.required("coachId"), "email": form.required("email")}

        async def redisplay(shown: FormState) -> Response:
            return await self._professionals_page(request, shown)

        says = "Asked. The professional sees the request once they sign in, and consents or declines it."
        return await self._submit(request, form, REQUEST_LINK, variables, redisplay, "/professionals", says)

    async def end_link(self, request: Request, link_id: str) -> Response:
        if not self._viewer(request).administers:
            raise NotInView
        form = await self._submission(request, f"end-{link_id}")

        async def redisplay(shown: FormState) -> Response:
            return await self._professionals_page(request, shown)

        variables = {"linkId": link_id}
        return await self._submit(request, form, END_LINK, variables, redisplay, "/professionals", "Ended.", ())

    def _own_home(self, request: Request, home: str) -> Viewer:
        """The viewer, on their own home only: a consultancy's people never reach a professional's or a body's."""
        viewer = self._viewer(request)
        if viewer.home != home:
            raise NotInView
        return viewer


def _links(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = data.get("links") or {}
    if found.get("__typename") != "ProfessionalLinkConnection":
        raise NotInView
    return [edge["node"] for edge in found["edges"]]
