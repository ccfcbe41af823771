"""An inventory file checked (the dry run) or imported: every error by line, and all rows or none."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

import anyio.to_thread
from strawberry.types import Info

from backend.graphql.assets.actions import IMPORT_ASSETS
from backend.graphql.assets.files import Rows, decoded, read_rows
from backend.graphql.assets.types import AssetImport, ImportProblem
from backend.graphql.core.commands import parsed_ids
from backend.graphql.core.context import Context
from backend.policy import authorize_without_cluster, named_in
from domain.assets.importing import CheckedFile, RowError, check_file
from projections.assets.queries import AssetQueries
from projections.queries import Scope


@dataclass(frozen=True)
class ReadFile:
    organisation_id: UUID
    rows: Rows
    checked: CheckedFile
    heading_errors: list[RowError]

    @property
    def error_count(self) -> int:
        return self.checked.error_count + len(self.heading_errors)


async def read_and_check(info: Info[Context, None], organisation_id: str, file_name: str, content: str) -> ReadFile:
    """The file, once the viewer may import into the organisation: read and checked off the event loop."""
    organisation = _authorised(info, organisation_id)
    queries, scope = info.context.services.queries.assets, info.context.scope
    return await anyio.to_thread.run_sync(_read, queries, scope, organisation, file_name, content)


def _read(queries: AssetQueries, scope: Scope, organisation: UUID, file_name: str, content: str) -> ReadFile:
    rows, heading_errors = read_rows(file_name, decoded(content))
    checked = check_file(rows if not heading_errors else [], queries.scale_set(scope))
    return ReadFile(organisation, rows, checked, heading_errors)


def _authorised(info: Info[Context, None], organisation_id: str) -> UUID:
    fields = parsed_ids({"organisation_id": organisation_id})
    principal = info.context.signed_in
    authorize_without_cluster(principal, IMPORT_ASSETS, info.context.services.queries, named_in(IMPORT_ASSETS, fields))
    organisation: UUID = fields["organisation_id"]
    return organisation


def report(found: ReadFile, dry_run: bool, imported: int = 0) -> AssetImport:
    problems = [*found.heading_errors, *found.checked.errors]
    return AssetImport(
        dry_run=dry_run,
        valid_rows=len(found.checked.rows),
        imported=imported,
        error_count=found.error_count,
        problems=[ImportProblem(line=p.line, column=p.column, message=p.message) for p in problems],
    )
