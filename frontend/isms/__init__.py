"""A member organisation's ISMS home: each register's state and the next thing to do."""

from pathlib import Path

from frontend.isms.pages import IsmsPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("isms", Path(__file__).parent, (IsmsPages,), nav=("/isms", "ISMS"))
