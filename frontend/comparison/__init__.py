"""The members' anonymised comparison of a cluster: the member's own figures beside the cohort's median and range."""

from pathlib import Path

from frontend.comparison.pages import ComparisonPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("comparison", Path(__file__).parent, (ComparisonPages,))
