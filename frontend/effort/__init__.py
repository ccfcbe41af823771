"""The effort report of a cluster: days spent per member and for the cluster, beside a single-organisation project."""

from pathlib import Path

from frontend.effort.pages import EffortPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("effort", Path(__file__).parent, (EffortPages,))
