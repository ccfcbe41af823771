"""An organisation's management reviews: the list, a review with its kept inputs, decisions and actions, and a form
for each step of the review."""

from pathlib import Path

from frontend.reviews.pages import ACTION_STATUSES, REVIEW_STATUSES, ReviewPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature(
    "reviews",
    Path(__file__).parent,
    (ReviewPages,),
    nav=("/reviews", "Management reviews"),
    template_globals={"review_statuses": REVIEW_STATUSES, "review_action_statuses": ACTION_STATUSES},
)
