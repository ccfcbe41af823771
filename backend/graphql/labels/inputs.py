"""The inputs of the professional links' mutations."""

from __future__ import annotations

import strawberry


@strawberry.input(
    description="Ask to link one of the consultancy's coach accounts to the professional with this e-mail."
)
class RequestProfessionalLinkInput:
    coach_id: strawberry.ID
    email: str = strawberry.field(description="The professional's e-mail address in their realm.")


@strawberry.input(description="One professional link, by its id.")
class ProfessionalLinkInput:
    link_id: strawberry.ID


@strawberry.input(description="A candidate to invite to the professionals' realm.")
class InviteProfessionalInput:
    email: str
    display_name: str
