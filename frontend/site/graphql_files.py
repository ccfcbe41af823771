"""Reading the pages' GraphQL documents: `.graphql` files beside the page module that runs them.

A selection several pages share is a fragment in `frontend/site/fragments/` (`fragment ClusterPage on Cluster`);
a document that spreads it (`...ClusterPage`) is sent with its definition appended.
"""

from __future__ import annotations

import re
from pathlib import Path

READ: set[Path] = set()
"""Every document and fragment file a page module has read, so a test can tell the files no page runs."""

FRAGMENTS = Path(__file__).resolve().with_name("fragments")
SPREAD = re.compile(r"\.\.\.\s*([A-Za-z_]\w*)")


def graphql_document(module_file: str, name: str) -> str:
    """The document `<name>.graphql` in the folder of `module_file` (pass `__file__`), with the shared fragments
    it spreads."""
    path = Path(module_file).resolve().with_name(f"{name}.graphql")
    READ.add(path)
    return with_fragments(path.read_text(encoding="utf-8"))


def with_fragments(document: str) -> str:
    """The document, followed by the definition of each shared fragment it spreads (`on` is an inline fragment)."""
    used = sorted({name for name in SPREAD.findall(document) if name != "on"})
    files = [FRAGMENTS / f"{_snake(name)}.graphql" for name in used]
    shared = [path for path in files if path.exists()]
    READ.update(shared)
    return "\n".join([document, *(path.read_text(encoding="utf-8") for path in shared)])


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
