"""The members' anonymised comparison of a cluster: the member's own figures beside the cohort's median and range."""

from pathlib import Path

from frontend.comparison.pages import COMPARISON, ComparisonPages
from frontend.site.feature import PageFeature
from frontend.site.live import cluster_page

FEATURE = PageFeature(
    "comparison",
    Path(__file__).parent,
    (ComparisonPages,),
    live=(cluster_page("/clusters/{cluster_id}/comparison", COMPARISON),),
)
