"""An organisation's asset inventory: the list with its filters, an asset's page with its history and forms, the
import of a file after a dry run, and the exports."""

from pathlib import Path

from frontend.assets.imports import ImportPages
from frontend.assets.pages import AssetPages
from frontend.assets.scales import ScalesPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature(
    "assets",
    Path(__file__).parent,
    (ImportPages, AssetPages, ScalesPages),
    nav=("/assets", "Assets"),
    admin_nav=(("/asset-scales", "Classification scales"),),
)
