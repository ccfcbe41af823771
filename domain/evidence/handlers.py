"""The audit evidence's command handler: check the organisation, load (or open) its stream, record the export."""

from __future__ import annotations

from typing import Protocol

from domain.evidence.bundles import AuditBundles, audit_bundles_id
from domain.evidence.commands import ExportAuditBundle
from domain.shared.ports import Handler, Organisations, Store
from domain.shared.service import Saved


class EvidencePorts(Store, Organisations, Protocol):
    """An export needs the organisation to exist."""


def export_audit_bundle(app: EvidencePorts, cmd: ExportAuditBundle) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    identifier = audit_bundles_id(cmd.tenant_id, cmd.organisation_id)
    if app.exists(AuditBundles, cmd.tenant_id, identifier):
        bundles = app.get(AuditBundles, cmd.tenant_id, identifier)
    else:
        bundles = AuditBundles.open(cmd.tenant_id, cmd.actor_id, cmd.organisation_id)
    bundles.export(cmd.actor_id, cmd.window_from, cmd.window_to)
    return app.save_changes(bundles)


HANDLERS: dict[type, Handler] = {ExportAuditBundle: export_audit_bundle}
