"""What may be done with an organisation's assets, and by whom (the policy decides: `backend/policy.py`).

An organisation's member accounts keep its inventory; its coach and the consultancy's admins read it. The
consultancy's admins set the classification scales."""

from __future__ import annotations

from backend.policy import Action

REGISTER_ASSET = Action("assets.register_asset", "register assets", for_own_organisation="organisation_id")
CHANGE_ASSET = Action("assets.change_asset", "change assets", for_own_organisation="organisation_id")
CLASSIFY_ASSET = Action("assets.classify_asset", "classify assets", for_own_organisation="organisation_id")
LINK_ASSETS = Action("assets.link_assets", "link assets", for_own_organisation="organisation_id")
RETIRE_ASSET = Action("assets.retire_asset", "retire assets", for_own_organisation="organisation_id")
IMPORT_ASSETS = Action("assets.import_assets", "import assets", for_own_organisation="organisation_id")
SET_CLASSIFICATION_SCALES = Action("assets.set_classification_scales", "set the classification scales")
COPY_ASSET_TEMPLATE = Action("assets.copy_asset_template", "copy asset templates into an inventory")
"""The consultancy's coaches and admins bring its library to a client; a member copies into its own inventory."""
