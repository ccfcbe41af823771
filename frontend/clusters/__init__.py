"""Clusters: the list, a cluster's dashboard and members' admission, its plan, and the sessions of the plan."""

from pathlib import Path

from frontend.clusters.overview import DASHBOARD, ClusterPages
from frontend.clusters.plan import PlanPages
from frontend.clusters.sessions import SessionPages
from frontend.clusters.settings import ClusterSettingsPages
from frontend.site.feature import PageFeature
from frontend.site.live import cluster_page

FEATURE = PageFeature(
    "clusters",
    Path(__file__).parent,
    (ClusterPages, PlanPages, SessionPages, ClusterSettingsPages),
    nav=("/clusters", "Clusters"),
    live=(cluster_page("/clusters/{cluster_id}", DASHBOARD),),
)
