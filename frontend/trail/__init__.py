"""The audit trail's pages: an item's whole history, a page at a time, and the consultancy's trail for its admins,
by person, register and period. Every register's item page shows its newest events with the shared History
section (`trail/_history.html`)."""

from pathlib import Path

from frontend.site.feature import PageFeature
from frontend.trail.pages import TrailPages

FEATURE = PageFeature("trail", Path(__file__).parent, (TrailPages,), admin_nav=(("/audit/trail", "Audit trail"),))
