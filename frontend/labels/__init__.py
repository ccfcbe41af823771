"""Labelled professionals' pages: a professional's home (their requests and links), a labelling body's home, and a
consultancy admin's Professionals page (ask a link for one of its coaches, see where each stands, end one)."""

from pathlib import Path

from frontend.labels.mission_pages import MissionPages
from frontend.labels.pages import LabelPages
from frontend.labels.track_pages import TrackPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature(
    "labels",
    Path(__file__).parent,
    (LabelPages, TrackPages, MissionPages),
    admin_nav=(("/professionals", "Professionals"), ("/professionals/missions", "Missions")),
)
