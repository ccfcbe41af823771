"""Feedback's command handlers: load, call one aggregate method, save. The cluster is asked through a port."""

from __future__ import annotations

import uuid
from typing import Protocol
from uuid import UUID

from domain.feedback.commands import HideFeedback, ShareFeedback, UnhideFeedback, WithdrawFeedback
from domain.feedback.feedback_item import FeedbackItem
from domain.shared.errors import NotFound
from domain.shared.ports import Handler, SessionFeedback, Store
from domain.shared.service import Saved


class FeedbackPorts(Store, SessionFeedback, Protocol):
    """Feedback needs to know the session it is about is a held training session of the member's cluster."""


def share_feedback(app: FeedbackPorts, cmd: ShareFeedback) -> Saved:
    app.check_feedback_allowed(cmd.tenant_id, cmd.cluster_id, cmd.session_key, cmd.organisation_id)
    item = FeedbackItem.share(
        cmd.tenant_id,
        cmd.actor_id,
        uuid.uuid4(),
        cmd.cluster_id,
        cmd.session_key,
        cmd.organisation_id,
        cmd.kind,
        cmd.text,
        cmd.signed_by,
    )
    return app.save_changes(item)


def withdraw_feedback(app: Store, cmd: WithdrawFeedback) -> Saved:
    item = _item(app, cmd.tenant_id, cmd.cluster_id, cmd.item_id)
    item.withdraw(cmd.actor_id, cmd.acting_organisation_id)
    return app.save_changes(item)


def hide_feedback(app: Store, cmd: HideFeedback) -> Saved:
    item = _item(app, cmd.tenant_id, cmd.cluster_id, cmd.item_id)
    item.hide(cmd.actor_id, cmd.reason)
    return app.save_changes(item)


def unhide_feedback(app: Store, cmd: UnhideFeedback) -> Saved:
    item = _item(app, cmd.tenant_id, cmd.cluster_id, cmd.item_id)
    item.unhide(cmd.actor_id, cmd.reason)
    return app.save_changes(item)


def _item(app: Store, tenant_id: UUID, cluster_id: UUID, item_id: UUID) -> FeedbackItem:
    item = app.get(FeedbackItem, tenant_id, item_id, "item_id")
    if item.cluster_id != cluster_id:
        raise NotFound("No feedback item with this id in the cluster.", "item_id")
    return item


HANDLERS: dict[type, Handler] = {
    ShareFeedback: share_feedback,
    WithdrawFeedback: withdraw_feedback,
    HideFeedback: hide_feedback,
    UnhideFeedback: unhide_feedback,
}
