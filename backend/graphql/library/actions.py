"""What may be done with the consultancy's library, and by whom (the policy decides: `backend/policy.py`).

Its admins and coaches keep the library: they add, revise and retire items. Everyone signed in to the consultancy
reads it, its client organisations' members too: a member sees what its coach will bring. Copying an item into an
organisation's register is declared by that register (`copyAssetTemplate`, `copyDocumentSkeleton`)."""

from __future__ import annotations

from backend.policy import Action

KEEP_LIBRARY = Action("library.keep_library", "keep the consultancy's library")
