"""Scope checks of the ids a command names: is each one in the principal's view?

The policy asks these before a command runs, so that an id outside the view is refused exactly as a random one is.
Each check filters by tenant and by the clusters in view, as every query does, and a member's by its own part.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import or_, select

from projections.queries.core import CoreQueries, Scope


class ScopeQueries(CoreQueries):
    def member_in_view(self, scope: Scope, cluster_id: UUID, organisation_id: UUID) -> bool:
        """Whether the organisation is a member (active or withdrawn) of the cluster, as the scope shows it."""
        members = self.t.cluster_members
        query = select(members.c.organisation_id).where(
            members.c.tenant_id == scope.tenant_id,
            members.c.cluster_id == cluster_id,
            members.c.organisation_id == organisation_id,
            self._cluster_visible(scope, members.c.cluster_id),
            self._own_register(scope, members.c.organisation_id),
        )
        return self._one(query) is not None

    def session_in_view(self, scope: Scope, cluster_id: UUID, session_key: str) -> bool:
        """Whether the key names a session of the cluster's plan in view: a member's own, or the whole cluster's."""
        sessions = self.t.sessions
        query = select(sessions.c.session_key).where(
            sessions.c.tenant_id == scope.tenant_id,
            sessions.c.cluster_id == cluster_id,
            sessions.c.session_key == session_key,
            self._cluster_visible(scope, sessions.c.cluster_id),
            or_(sessions.c.organisation_id.is_(None), self._own_register(scope, sessions.c.organisation_id)),
        )
        return self._one(query) is not None

    def feedback_item_in_view(self, scope: Scope, cluster_id: UUID, item_id: UUID) -> bool:
        """Whether the item was shared in the cluster and is in view: for a member, the items every member sees
        and its own organisation's (hidden or withdrawn ones included); for coaches and admins, every item."""
        items = self.t.feedback_items
        query = select(items.c.item_id).where(
            items.c.tenant_id == scope.tenant_id,
            items.c.cluster_id == cluster_id,
            items.c.item_id == item_id,
            self._cluster_visible(scope, items.c.cluster_id),
        )
        if scope.organisation_id is not None:
            query = query.where(or_(items.c.status == "visible", items.c.organisation_id == scope.organisation_id))
        return self._one(query) is not None
