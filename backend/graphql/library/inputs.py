"""The inputs of the library's mutations: each kind uses its own fields (see `kind`); another kind's are refused."""

from __future__ import annotations

import strawberry

KINDS = "threat, vulnerability, asset_template, risk_scenario or document_skeleton."


@strawberry.input(description="The fields a kind uses besides its title; leave the others out.")
class LibraryFieldsInput:
    description: str | None = strawberry.field(
        default=None, description="Threat, vulnerability, asset template, risk scenario."
    )
    asset_kind: str | None = strawberry.field(default=None, description="Asset template: the asset inventory's kinds.")
    confidentiality: int | None = strawberry.field(default=None, description="Asset template: suggested, 1 to 10.")
    integrity: int | None = strawberry.field(default=None, description="Asset template: suggested, 1 to 10.")
    availability: int | None = strawberry.field(default=None, description="Asset template: suggested, 1 to 10.")
    threat: str | None = strawberry.field(default=None, description="Risk scenario (required).")
    vulnerability: str | None = strawberry.field(default=None, description="Risk scenario (required).")
    likelihood: str | None = strawberry.field(default=None, description="Risk scenario: the likelihood to expect.")
    impact: str | None = strawberry.field(default=None, description="Risk scenario: the impact to expect.")
    document_kind: str | None = strawberry.field(
        default=None, description="Document skeleton (required): policy, procedure or record."
    )
    text: str | None = strawberry.field(default=None, description="Document skeleton (required): markdown.")


@strawberry.input
class AddLibraryItemInput:
    kind: str = strawberry.field(description=KINDS)
    title: str
    fields: LibraryFieldsInput = strawberry.field(default_factory=LibraryFieldsInput)


@strawberry.input(description="The item as it is to be: its next version.")
class ReviseLibraryItemInput:
    library_item_id: strawberry.ID
    title: str
    fields: LibraryFieldsInput = strawberry.field(default_factory=LibraryFieldsInput)


@strawberry.input
class RetireLibraryItemInput:
    library_item_id: strawberry.ID
    reason: str
