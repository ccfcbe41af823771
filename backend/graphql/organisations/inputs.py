"""The inputs of the organisations' mutations."""

from __future__ import annotations

import strawberry

COUNTRY = "ISO 3166-1 code of the country whose public holidays the organisation keeps (e.g. FR); none if unknown."
REGION = "The region (ISO 3166-2 subdivision) where the country's holidays differ by region, e.g. BY in DE."


@strawberry.input
class RegisterOrganisationInput:
    name: str
    sector: str
    employee_count: int
    country: str | None = strawberry.field(default=None, description=COUNTRY)
    region: str | None = strawberry.field(default=None, description=REGION)


@strawberry.input
class ChangeOrganisationDetailsInput:
    organisation_id: strawberry.ID
    sector: str
    employee_count: int
    country: str | None = strawberry.field(default=None, description=COUNTRY)
    region: str | None = strawberry.field(default=None, description=REGION)
