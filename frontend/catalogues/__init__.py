"""The control catalogues: the editions of ISO/IEC 27001, their controls by theme or domain, and where each 2005
control went in 2022, with the catalogues the consultancy imported and its own text of a control. Everyone signed in
reads them: members need them for their Statement of Applicability. Admins import; admins and coaches paste text."""

from pathlib import Path

from frontend.catalogues.controls import ControlPages
from frontend.catalogues.imports import CatalogueImportPages
from frontend.catalogues.pages import CataloguePages
from frontend.site.feature import PageFeature

FEATURE = PageFeature(
    "catalogues",
    Path(__file__).parent,
    (CatalogueImportPages, ControlPages, CataloguePages),
    nav=("/catalogues", "Controls"),
)
