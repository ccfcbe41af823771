"""An organisation's monitoring and measurement: the register of its metrics with their filters, and a metric's
page with its measurements drawn over time against the target, its history and forms."""

from pathlib import Path

from frontend.metrics.pages import MetricPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("metrics", Path(__file__).parent, (MetricPages,), nav=("/metrics", "Metrics"))
