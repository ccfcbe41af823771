"""What may be done with an organisation's assets, and by whom (the policy decides: `backend/policy.py`).

An organisation's member accounts keep its inventory; its coach and the consultancy's admins read it. The
consultancy's admins set the classification scales."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

REGISTER_ASSET = Action("register assets", {MEMBER}, for_own_organisation="organisation_id")
CHANGE_ASSET = Action("change assets", {MEMBER}, for_own_organisation="organisation_id")
CLASSIFY_ASSET = Action("classify assets", {MEMBER}, for_own_organisation="organisation_id")
LINK_ASSETS = Action("link assets", {MEMBER}, for_own_organisation="organisation_id")
RETIRE_ASSET = Action("retire assets", {MEMBER}, for_own_organisation="organisation_id")
IMPORT_ASSETS = Action("import assets", {MEMBER}, for_own_organisation="organisation_id")
SET_CLASSIFICATION_SCALES = Action("set the classification scales", {ADMIN})
COPY_ASSET_TEMPLATE = Action("copy asset templates into an inventory", {ADMIN, COACH, MEMBER})
"""The consultancy's coaches and admins bring its library to a client; a member copies into its own inventory."""
