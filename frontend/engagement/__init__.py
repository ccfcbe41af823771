"""One member of a cluster: its gap analyses, coaching ledger and ceiling, and its outcome."""

from pathlib import Path

from frontend.engagement.member import MemberPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("engagement", Path(__file__).parent, (MemberPages,))
