"""Where classes named in stored events used to live, so that history written before a move still loads.

A stored event names its class by topic (`module:Class.Event`). Moving a class changes its topic, never the events
already stored: each move adds a line here, and `tests/integration/test_legacy_store.py` replays a store written
before the moves.
"""

from __future__ import annotations

from eventsourcing.utils import get_topic, register_topic

from domain.assessment.gap_analysis import GapAnalysis
from domain.clusters.cluster import Cluster
from domain.feedback.feedback_item import FeedbackItem
from domain.organisations.organisation import Organisation

MOVED: dict[str, type] = {
    "domain.programme.cluster:Cluster": Cluster,
    "domain.programme.organisation:Organisation": Organisation,
    "domain.programme.feedback:FeedbackItem": FeedbackItem,
    "domain.programme.gap_analysis:GapAnalysis": GapAnalysis,
}
"""Until the features were split into folders (November 2026), every programme aggregate lived in `domain.programme`."""


def register_legacy_topics() -> None:
    for topic, aggregate in MOVED.items():
        register_topic(topic, aggregate)


def topics_of(aggregate: type) -> list[str]:
    """The aggregate's topic and every topic it was stored under before: readers of the log look for all of them."""
    return [get_topic(aggregate), *(topic for topic, moved in MOVED.items() if moved is aggregate)]
