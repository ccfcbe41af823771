"""Attested missions' pages: a consultancy admin's Missions page (gather a linked professional's mission with one
member from the consultancy's records, confirm and attest it, correct or withdraw it with a reason) and the
professional's portfolio across consultancies, with its PDF. Each page shows what its query answers."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

MISSIONS = graphql_document(__file__, "missions")
GATHERED = graphql_document(__file__, "gathered_mission")
REGATHERED = graphql_document(__file__, "regathered_mission")
ATTEST = graphql_document(__file__, "attest_mission")
CORRECT = graphql_document(__file__, "correct_mission_attestation")
WITHDRAW = graphql_document(__file__, "withdraw_mission_attestation")
PORTFOLIO = graphql_document(__file__, "mission_portfolio")

SIZE_BANDS = {
    "MICRO": "Micro (under 10 people)",
    "SMALL": "Small (10 to 49)",
    "MEDIUM": "Medium (50 to 249)",
    "LARGE": "Large (250 or more)",
}
OUTCOMES = {
    "UNDER_WAY": "Under way",
    "ISMS_ESTABLISHED": "ISMS established",
    "CERTIFIED": "Certified",
    "WITHDRAWN": "Withdrawn before the end",
}
CHANGES = {
    "correct": (CORRECT, "Corrected with the facts the records give now. The professional's portfolio shows them."),
    "withdraw": (WITHDRAW, "Withdrawn. The mission has left the professional's portfolio."),
}
SHOWN = {"size_bands": SIZE_BANDS, "outcomes": OUTCOMES}


class MissionPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/professionals/missions", self.missions, methods=["GET"])
        routes.add_api_route("/professionals/missions", self.attest, methods=["POST"])
        routes.add_api_route("/professionals/missions/{mission_id}/{verb}", self.change, methods=["POST"])
        routes.add_api_route("/professional/portfolio", self.portfolio, methods=["GET"])

    # The consultancy admin's Missions page

    async def missions(self, request: Request) -> Response:
        return await self._missions_page(request)

    async def _missions_page(
        self,
        request: Request,
        shown: FormState = UNTOUCHED,
        correcting: str | None = None,
        asked: tuple[str, str] | None = None,
    ) -> Response:
        viewer = self._viewer(request)
        if not viewer.administers:
            raise NotInView
        data = await self._query(request, MISSIONS, {})
        if (data.get("missions") or {}).get("__typename") != "AttestedMissionConnection":
            raise NotInView
        link, member = asked or (request.query_params.get("link", ""), request.query_params.get("member", ""))
        correcting = correcting or request.query_params.get("correct", "")
        missions = [edge["node"] for edge in data["missions"]["edges"]]
        corrected = next((m for m in missions if m["id"] == correcting and m["viewerCan"]["correct"]), None)
        context = {
            "links": [(e["node"]["id"], _linked(e["node"])) for e in data["links"]["edges"]],
            "members": _members(data),
            "missions": missions,
            "asked": {"link": link, "member": member},
            "gathered": await self._gathered(request, link, member) if link and member else None,
            "correcting": corrected,
            "regathered": await self._regathered(request, corrected["id"]) if corrected else None,
            **SHOWN,
        }
        return self._render(request, "labels/missions.html", viewer, context, shown)

    async def _regathered(self, request: Request, mission_id: str) -> dict[str, Any]:
        found: dict[str, Any] = (await self._query(request, REGATHERED, {"missionId": mission_id})).get(
            "gathered"
        ) or {}
        return found

    async def _gathered(self, request: Request, link: str, member: str) -> dict[str, Any]:
        cluster, _, organisation = member.partition(":")
        variables = {"linkId": link, "clusterId": cluster, "organisationId": organisation}
        found: dict[str, Any] = (await self._query(request, GATHERED, variables)).get("gathered") or {}
        return found

    async def attest(self, request: Request) -> Response:
        if not self._viewer(request).administers:
            raise NotInView
        form = await self._submission(request, "attest")
        link, member = form.required("linkId"), form.required("member")
        cluster, _, organisation = member.partition(":")
        variables = {
            "linkId": link,
            "clusterId": cluster,
            "organisationId": organisation,
            "factsDigest": form.text("factsDigest"),
        }

        async def redisplay(shown: FormState) -> Response:  # the admin's choices, gathered again, the error beside
            return await self._missions_page(request, shown, asked=(link, member))

        says = "Attested. The mission is in the professional's portfolio."
        return await self._submit(request, form, ATTEST, variables, redisplay, "/professionals/missions", says, ())

    async def change(self, request: Request, mission_id: str, verb: str) -> Response:
        if not self._viewer(request).administers or verb not in CHANGES:
            raise NotInView
        document, says = CHANGES[verb]
        form = await self._submission(request, f"{verb}-{mission_id}")
        variables = {"missionId": mission_id, "reason": form.required("reason")}
        if verb == "correct":  # the facts shown, which the admin confirms
            variables["factsDigest"] = form.text("factsDigest")

        async def redisplay(shown: FormState) -> Response:
            return await self._missions_page(request, shown, correcting=mission_id if verb == "correct" else None)

        done = "/professionals/missions"
        return await self._submit(request, form, document, variables, redisplay, done, says, ("reason",))

    # The professional's portfolio

    async def portfolio(self, request: Request) -> Response:
        viewer = self._viewer(request)
        if viewer.home != "/professional":
            raise NotInView
        found = (await self._query(request, PORTFOLIO, {})).get("portfolio") or {}
        if found.get("__typename") != "MissionPortfolio":
            raise NotInView
        context = {"portfolio": found, "consultancies": len({m["facts"]["consultancy"] for m in found["missions"]})}
        return self._render(request, "labels/portfolio.html", viewer, {**context, **SHOWN})


def _linked(link: dict[str, Any]) -> str:
    return f"{link['professionalName']} (coach account {link['coachName']})"


def _members(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Every member of every cluster, as `cluster:organisation`, named by cluster then organisation."""
    return [
        (f"{cluster['id']}:{member['organisation']['id']}", f"{cluster['name']}: {member['organisation']['name']}")
        for cluster in (edge["node"] for edge in data["clusters"]["edges"])
        for member in cluster["members"]
    ]
