"""The consultancy's portfolio: every cluster and member in view, and effort beside a single-organisation project."""

from pathlib import Path

from frontend.portfolio.pages import PORTFOLIO_LIVE, PortfolioPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature(
    "portfolio",
    Path(__file__).parent,
    (PortfolioPages,),
    staff_nav=(("/portfolio", "Portfolio"),),
    live=(PORTFOLIO_LIVE,),
)
