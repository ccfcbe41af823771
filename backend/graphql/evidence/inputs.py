"""The input of an export: the organisation and the audit window, both days included."""

from __future__ import annotations

from datetime import date

import strawberry


@strawberry.input(description="An auditor's bundle of the organisation's history between two days, both included.")
class ExportAuditBundleInput:
    organisation_id: strawberry.ID
    window_from: date = strawberry.field(description="The audit window's first day.")
    window_to: date = strawberry.field(
        description="Its last day, not after today; the registers are given as they stood at its end (UTC)."
    )
