"""GraphQL shapes of the bundles exported for an organisation's auditors."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from backend.graphql.core.errors import Refusal
from backend.graphql.core.pagination import PageInfo
from projections.evidence.rows import AuditBundleRow


def download_url(row: AuditBundleRow) -> str:
    return f"/organisations/{row.organisation_id}/audit-bundles/{row.number}.zip"


@strawberry.type(description="An auditor's bundle: the organisation's events in a window, proved, with its registers.")
class AuditBundle:
    organisation_id: strawberry.ID
    number: int = strawberry.field(description="1 for the organisation's first bundle.")
    window_from: date
    window_to: date
    exported_by: str | None = strawberry.field(description="Who exported it; none when run from the command line.")
    exported_at: datetime
    download_url: str = strawberry.field(
        description="The ZIP, built when downloaded: its events, proofs, registers, verify.py and VERIFY.md."
    )

    @classmethod
    def from_row(cls, row: AuditBundleRow) -> AuditBundle:
        return cls(
            organisation_id=strawberry.ID(str(row.organisation_id)), number=row.number, window_from=row.window_from,
            window_to=row.window_to, exported_by=row.exported_by_name, exported_at=row.exported_at,
            download_url=download_url(row),
        )  # fmt: skip


@strawberry.type
class AuditBundleEdge:
    cursor: str
    node: AuditBundle


@strawberry.type(description="What the viewer may do with the organisation's auditor's bundles.")
class AuditBundlesViewerCan:
    export: bool


@strawberry.type(description="An organisation's auditor's bundles, newest first.")
class AuditBundleConnection:
    edges: list[AuditBundleEdge]
    page_info: PageInfo
    viewer_can: AuditBundlesViewerCan


@strawberry.type
class AuditBundleChange:
    bundle: AuditBundle


AuditBundleChangeResult = Annotated[AuditBundleChange | Refusal, strawberry.union("AuditBundleChangeResult")]
