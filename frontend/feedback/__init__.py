"""Feedback members share on the cluster's training sessions, shown and given on the session page."""

from pathlib import Path

from frontend.feedback.pages import FEEDBACK_KINDS, FeedbackPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature(
    "feedback", Path(__file__).parent, (FeedbackPages,), template_globals={"feedback_kinds": FEEDBACK_KINDS}
)
