"""An organisation's Statement of Applicability: its controls by theme or domain with a decision form each, the
review of Annex A, and its versions with their approval and downloads."""

from pathlib import Path

from frontend.site.feature import PageFeature
from frontend.soa.pages import CATALOGUES, DECISIONS, IMPLEMENTATION, REASONS, StatementPages
from frontend.soa.versions_page import VersionPages

FEATURE = PageFeature(
    "soa",
    Path(__file__).parent,
    (StatementPages, VersionPages),
    nav=("/soa", "Applicability"),
    template_globals={
        "soa_reasons": REASONS,
        "soa_implementation": IMPLEMENTATION,
        "soa_decisions": DECISIONS,
        "soa_catalogues": CATALOGUES,
    },
)
