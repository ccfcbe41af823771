"""The audit evidence's command: an export, by the consultancy's admins and the organisation's coach."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.evidence.actions import EXPORT_AUDIT_BUNDLE
from backend.graphql.evidence.inputs import ExportAuditBundleInput
from backend.graphql.evidence.types import AuditBundle, AuditBundleChange, AuditBundleChangeResult
from domain.evidence.commands import ExportAuditBundle
from domain.shared.errors import NotFound


@strawberry.type
class EvidenceMutation:
    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Records the export of an auditor's bundle of the window; the bundle downloads from its URL.",
    )
    async def export_audit_bundle(
        self, info: Info[Context, None], input: ExportAuditBundleInput
    ) -> AuditBundleChangeResult:
        done = await change(
            info, EXPORT_AUDIT_BUNDLE, ExportAuditBundle, organisation_id=input.organisation_id,
            window_from=input.window_from, window_to=input.window_to,
        )  # fmt: skip
        if not isinstance(done, tuple):
            return done
        services, (cmd, saved) = info.context.services, done
        [stored] = services.app.recorder.select_notifications(saved.position, 1)
        number: int = getattr(services.app.mapper.to_domain_event(stored), "number")  # noqa: B009
        row = services.queries.evidence.audit_bundle(info.context.scope, cmd.organisation_id, number)
        if row is None:
            return user_error(NotFound("The export is saved but is not in your view.", "organisationId"))
        return AuditBundleChange(bundle=AuditBundle.from_row(row))
