"""The control catalogues: the editions of ISO/IEC 27001, their controls by theme or domain, and where each 2005
control went in 2022. Everyone signed in reads them: members need them for their Statement of Applicability."""

from pathlib import Path

from frontend.catalogues.pages import CataloguePages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("catalogues", Path(__file__).parent, (CataloguePages,), nav=("/catalogues", "Controls"))
