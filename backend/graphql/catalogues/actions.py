"""What may be done with the consultancy's own catalogues, and by whom (the policy decides: `backend/policy.py`).

Its admins import catalogues; its admins and coaches paste its licensed text of a control. Everyone signed in to
the consultancy reads both (members need the controls for their Statement of Applicability); no other consultancy
ever does."""

from __future__ import annotations

from backend.policy import Action

IMPORT_CATALOGUE = Action("catalogues.import_catalogue", "import catalogues")
WRITE_CONTROL_TEXT = Action("catalogues.write_control_text", "write the consultancy's text of a control")
