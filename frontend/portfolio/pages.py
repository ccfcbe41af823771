"""The portfolio page: a table of every cluster and member, and a chart of each cluster's effort beside the baseline."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from frontend.site.graphql_files import graphql_document
from frontend.site.live import LivePage
from frontend.site.page import NotInView, PageBase

PORTFOLIO = graphql_document(__file__, "portfolio")
PAGE_SIZE = 20
STATUSES = ("forming", "planned", "running", "closed")


def portfolio_variables(request: Request) -> dict[str, Any]:
    """The page's variables from its query string: a status among the known ones, and the cursor of a later page."""
    status = request.query_params.get("status") or None
    after = request.query_params.get("after") or None
    return {"first": PAGE_SIZE, "after": after, "status": status if status in STATUSES else None}


GUARD = """query Guard($first: Int!, $after: String, $status: String) {
  portfolio(first: $first, after: $after, status: $status) { __typename }
}"""
PORTFOLIO_LIVE = LivePage("/portfolio", PORTFOLIO, lambda request, _: portfolio_variables(request), "portfolio", GUARD)
"""The page's live stream, `/live/portfolio`: the same document, as the same person, with the same query string."""


class PortfolioPages(PageBase):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.router.add_api_route("/portfolio", self.portfolio, methods=["GET"])

    async def portfolio(self, request: Request) -> Response:
        viewer = self._viewer(request)
        variables = portfolio_variables(request)
        answer = (await self._query(request, PORTFOLIO, variables)).get("portfolio") or {}
        if answer.get("__typename") != "Portfolio":
            raise NotInView(answer.get("message", "This page is not yours to see."))
        clusters = [edge["node"] for edge in answer["edges"]]
        context = {
            "clusters": clusters,
            "overall": answer["effort"],
            "page_info": answer["pageInfo"],
            "status": variables["status"],
            "statuses": STATUSES,
            "chart": portfolio_chart(clusters, answer["effort"]),
            "live": True,
        }
        return self._render(request, "portfolio/portfolio.html", viewer, context)


def portfolio_chart(clusters: list[dict[str, Any]], overall: dict[str, Any]) -> dict[str, Any]:
    """What the chart script reads: each cluster's days per organisation as a share of the baseline (1 = baseline)."""
    return {
        "labels": [cluster["name"] for cluster in clusters],
        "shares": [cluster["effort"]["shareOfBaseline"] for cluster in clusters],
        "overall": overall["shareOfBaseline"],
    }
