"""The consultancy's organisations: the list, and registering one."""

from pathlib import Path

from frontend.organisations.pages import OrganisationPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature(
    "organisations", Path(__file__).parent, (OrganisationPages,), nav=("/organisations", "Organisations")
)
