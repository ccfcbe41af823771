"""The consultancy's library: threats, vulnerabilities, asset templates, risk scenarios and document skeletons,
kept by its admins and coaches, read by everyone signed in to it, copied into an organisation's registers."""

from pathlib import Path

from frontend.library.pages import LibraryPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("library", Path(__file__).parent, (LibraryPages,), nav=("/library", "Library"))
