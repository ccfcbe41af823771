"""The professional's portfolio as a PDF download: their own, and nobody else's. The principal comes from the
session; no id is given, so there is nobody else's to ask for. Anyone but a professional is answered 404, as the
page out of their view is."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response

from backend.auth.current import principal_from_request
from backend.exports.naming import content_disposition
from backend.exports.portfolio import PortfolioFile, portfolio_pdf
from backend.graphql.labels.actions import READ_PORTFOLIO
from backend.policy import portfolio_owner
from backend.services import Services
from domain.labels.body import PROFESSIONALS
from domain.labels.missions import MissionFacts

PDF_TYPE = "application/pdf"


def portfolio_routes(services: Services) -> APIRouter:
    router = APIRouter()

    @router.get("/professional/portfolio.pdf", include_in_schema=False)
    def portfolio_download(request: Request) -> Response:
        principal = principal_from_request(services, request)
        if principal is None:
            raise HTTPException(status_code=401, detail="Sign in first.")
        owner = portfolio_owner(principal, READ_PORTFOLIO)
        if owner is None:
            raise HTTPException(status_code=404, detail="No portfolio of yours here.")
        with services.queries.one_transaction(PROFESSIONALS):
            rows = services.queries.missions.portfolio(owner)
        facts = tuple(
            MissionFacts(**{name: getattr(row, name) for name in MissionFacts.__dataclass_fields__}) for row in rows
        )
        file = PortfolioFile(principal.display_name, facts, services.app.today())
        headers = {
            "Content-Disposition": content_disposition(f"{file.title}.pdf", "attachment"),
            "Cache-Control": "private, no-store",
        }
        return Response(portfolio_pdf(file), media_type=PDF_TYPE, headers=headers)

    return router
