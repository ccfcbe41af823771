"""Reading the pages' GraphQL documents: `.graphql` files beside the page module that runs them."""

from __future__ import annotations

from pathlib import Path

READ: set[Path] = set()
"""Every document file a page module has read, so a test can tell the files no page runs."""


def graphql_document(module_file: str, name: str) -> str:
    """The document `<name>.graphql` in the folder of `module_file` (pass `__file__`)."""
    path = Path(module_file).resolve().with_name(f"{name}.graphql")
    READ.add(path)
    return path.read_text(encoding="utf-8")
