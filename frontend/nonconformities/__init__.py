"""An organisation's nonconformities and corrective actions: the register with its filters, and a nonconformity's
page with its actions, history and forms."""

from pathlib import Path

from frontend.nonconformities.pages import NonconformityPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature(
    "nonconformities", Path(__file__).parent, (NonconformityPages,), nav=("/nonconformities", "Nonconformities")
)
