"""An organisation's ITIL page (paper 000): the ITIL steps and practices it declares with evidence, the picture of
how they feed ISO/IEC 27001, the gap-analysis proposals its coach confirms, and the SoA statuses they suggest."""

from pathlib import Path

from frontend.itil.pages import ItilPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("itil", Path(__file__).parent, (ItilPages,), nav=("/itil", "ITIL"))
"""`/itil` leads a member to its own organisation's page; a coach or an admin chooses an organisation."""
