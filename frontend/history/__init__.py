"""History's pages: comparing an organisation's register at two dates (any page as of a date is the layout's)."""

from pathlib import Path

from frontend.history.pages import HistoryPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("history", Path(__file__).parent, (HistoryPages,))
