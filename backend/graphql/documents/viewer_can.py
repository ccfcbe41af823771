"""What the viewer may do with a document and each of its versions: the policy and the domain's rules."""

from __future__ import annotations

from uuid import UUID

import strawberry

from backend.auth.principal import Principal
from backend.graphql.documents import actions as a
from backend.policy import may
from domain.documents import rules
from projections.documents.rows import DocumentRow, VersionRow


@strawberry.type(description="What the viewer may do to the document now.")
class DocumentViewerCan:
    draft_version: bool = strawberry.field(description="Start a new version (none is on its way).")
    attach: bool = strawberry.field(description="Attach files to a draft.")


@strawberry.type(description="What the viewer may do to this version now.")
class VersionViewerCan:
    revise: bool
    attach: bool
    submit: bool
    approve: bool = strawberry.field(description="Never the version's own author.")
    reject: bool
    publish: bool
    withdraw: bool
    acknowledge: bool


def on_document(p: Principal, document: DocumentRow, statuses: list[str]) -> DocumentViewerCan:
    own = document.organisation_id
    return DocumentViewerCan(
        draft_version=may(p, a.DRAFT_VERSION, own) and rules.can_draft_version(statuses),
        attach=may(p, a.ATTACH_FILE, own),
    )


def on_version(p: Principal, organisation_id: UUID, v: VersionRow) -> VersionViewerCan:
    def allowed(action: a.Action) -> bool:
        return may(p, action, organisation_id)

    acknowledged = any(ack.account_id == p.account_id for ack in v.acknowledgements)
    return VersionViewerCan(
        revise=allowed(a.REVISE_DRAFT) and rules.can_revise(v.status),
        attach=allowed(a.ATTACH_FILE) and rules.can_attach(v.status),
        submit=allowed(a.SUBMIT_VERSION) and rules.can_submit(v.status),
        approve=allowed(a.APPROVE_VERSION) and rules.can_approve(v.status, v.author_id, p.account_id),
        reject=allowed(a.REJECT_VERSION) and rules.can_reject(v.status),
        publish=allowed(a.PUBLISH_VERSION) and rules.can_publish(v.status),
        withdraw=allowed(a.WITHDRAW_VERSION) and rules.can_withdraw(v.status),
        acknowledge=allowed(a.ACKNOWLEDGE_VERSION)
        and rules.can_acknowledge(v.status, v.requires_acknowledgement, acknowledged),
    )
