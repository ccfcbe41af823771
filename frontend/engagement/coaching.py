"""Logging a coaching half-day in a member's ledger, from the dashboard, the member's page or a coaching slot."""

from __future__ import annotations

from typing import Any

from frontend.site.forms import Submission
from frontend.site.graphql_files import graphql_document

LOG_COACHING = graphql_document(__file__, "log_coaching_half_day")


def coaching_variables(cluster_id: str, organisation_id: str, form: Submission) -> dict[str, Any]:
    """A coaching half-day for the ledger, from the dashboard's, the member's or a coaching slot's form."""
    return {
        "clusterId": cluster_id,
        "organisationId": organisation_id,
        "heldOn": form.day("heldOn"),
        "coachId": form.text("coachId") or None,
        "moduleNumber": form.optional_number("moduleNumber"),
        "workDone": form.required("workDone"),
        "nextSteps": form.text("nextSteps"),
    }


def module_options(titles: list[str]) -> list[tuple[str, str]]:
    """The modules a coaching half-day can follow up, numbered as in the plan."""
    return [(str(number), f"{number}. {title}") for number, title in enumerate(titles, start=1)]
