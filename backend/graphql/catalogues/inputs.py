"""The inputs of the catalogues' mutations."""

from __future__ import annotations

import strawberry


@strawberry.input(description="A catalogue file, as text (JSON).")
class ImportCatalogueInput:
    format: str = strawberry.field(description="`cordee` (our catalogue format) or `oscal` (an OSCAL catalog).")
    content: str = strawberry.field(description="The file's JSON, at most 2 MB.")
    catalogue: str | None = strawberry.field(
        default=None,
        description="Our id for the catalogue: required for an OSCAL catalog; for our format, the file's own id.",
    )
    dry_run: bool = strawberry.field(default=False, description="Check and count only: nothing is kept.")


@strawberry.input
class WriteControlTextInput:
    catalogue: strawberry.ID = strawberry.field(description="The catalogue's id, e.g. `iso27001-2022`.")
    control: strawberry.ID = strawberry.field(description="The control's id in it, e.g. `5.23`.")
    text: str = strawberry.field(description="At most 20,000 characters.")
