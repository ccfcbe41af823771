"""The landing page: what's next across the clusters in view."""

from pathlib import Path

from frontend.home.pages import HomePages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("home", Path(__file__).parent, (HomePages,), nav=("/", "What's next"))
