"""An organisation's change log: the list with its filters and exports, a change's page with its history and the
forms that take it to its execution, and the Change Advisory Board with the catalogue of standard changes."""

from pathlib import Path

from frontend.changes.pages import ChangePages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("changes", Path(__file__).parent, (ChangePages,), nav=("/changes", "Changes"))
