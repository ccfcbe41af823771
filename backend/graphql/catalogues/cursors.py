"""A control's place in its catalogue, as an opaque cursor: the control's id, in natural order."""

from __future__ import annotations

import base64
import binascii
import json

from domain.catalogues.catalogue import Catalogue
from domain.shared.errors import ValidationFailed

_KIND = "control"


def control_cursor(control_id: str) -> str:
    return base64.urlsafe_b64encode(json.dumps([_KIND, control_id]).encode()).decode()


def control_after(catalogue: Catalogue, cursor: str | None) -> str | None:
    """The id of the control a cursor stands for; a cursor this API did not give for the catalogue is refused."""
    if cursor is None:
        return None
    try:
        kind, control_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError, binascii.Error):
        kind, control_id = None, None
    if kind != _KIND or not isinstance(control_id, str) or catalogue.control(control_id) is None:
        raise ValidationFailed("after", "This is not a cursor given by this API for this catalogue.")
    return control_id
