"""Skeletons a document starts from: text files shipped with Cordee (`skeletons/<name>.md`).

One default skeleton ships, the information security policy (clause 5.2). A consultancy's own skeletons are kept
in its library and copied with `CopyDocumentSkeleton`, which reads them through the application.
"""

from __future__ import annotations

from pathlib import Path

from domain.shared.errors import ValidationFailed

FOLDER = Path(__file__).parent / "skeletons"

SKELETONS = {"information-security-policy": ("policy", "Information security policy")}
"""Each skeleton's name, the kind of document and the title it starts."""


def skeleton(field: str, name: str) -> tuple[str, str, str]:
    """The kind, title and text of the skeleton named."""
    if name not in SKELETONS:
        raise ValidationFailed(field, "No skeleton of this name.")
    kind, title = SKELETONS[name]
    return kind, title, (FOLDER / f"{name}.md").read_text(encoding="utf-8")
