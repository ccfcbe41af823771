"""The inputs of the organisations' mutations."""

from __future__ import annotations

import strawberry


@strawberry.input
class RegisterOrganisationInput:
    name: str
    sector: str
    employee_count: int
