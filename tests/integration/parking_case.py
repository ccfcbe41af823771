"""One tenant's event that fails to project is parked; every other tenant's read models go on.

Written once; mixed into the SQLite and PostgreSQL cases, which say how an event fails to project there.
"""

from __future__ import annotations

from typing import Any
from uuid import uuid4

from backend.services import Services
from domain.feedback.commands import ShareFeedback
from domain.feedback.feedback_item import FeedbackItem
from domain.shared.aggregate import SYSTEM_ACTOR
from projections.core.runner import ProjectionRunner, ReplayResult
from projections.core.writer import GroupedWriter
from projections.feedback.projection import FeedbackProjection
from projections.queries import Scope
from projections.rebuild import checksum, rebuild
from tests.integration.application_case import Tenant


class CleanedText:
    """An event seen through the fixed projection: its text without what the database refused."""

    def __init__(self, event: Any) -> None:
        self._event = event

    def __getattr__(self, name: str) -> Any:
        return getattr(self._event, name)

    @property
    def text(self) -> str:
        return str(self._event.text or "").replace("\x00", "")


class FixedFeedbackProjection(FeedbackProjection):
    """The projection as an operator would deploy it after the fix."""

    def shared(self, writer: GroupedWriter, event: Any) -> None:
        super().shared(writer, CleanedText(event))


class ParkingCase:
    unprojectable_text: Any
    """Feedback text that the domain would refuse and this database cannot store in a read row."""
    fixed_text: str
    """What the fixed projection makes of it."""

    def share_unprojectable_feedback(self, services: Services, tenant: Tenant) -> int:
        """Stored through the real event store by the aggregate's own event, bypassing the domain's checks."""
        item = FeedbackItem(
            tenant_id=tenant.id,
            actor_id=SYSTEM_ACTOR,
            item_id=uuid4(),
            cluster_id=tenant.cluster,
            session_key="initial-training",
            organisation_id=tenant.members[0],
            kind="worked",
            text=self.unprojectable_text,
            signed_by=None,
        )
        [recording] = services.app.save(item)
        return recording.notification.id

    def feedback_texts(self, services: Services, tenant: Tenant) -> list[str]:
        """The texts in view, sorted: feedback comes by session, kind and text, never in the order it was shared."""
        return sorted(item.text for item in services.queries.feedback.feedback(Scope(tenant.id), tenant.cluster))

    def share(self, tenant: Tenant, text: str) -> ShareFeedback:
        return ShareFeedback(
            tenant.id, SYSTEM_ACTOR, tenant.cluster, "initial-training", tenant.members[1], "hard", text, None
        )

    def test_an_event_that_fails_to_project_is_parked_and_other_tenants_go_on(self, services: Services) -> None:
        alpine, harbour = Tenant(services, "alpine"), Tenant(services, "harbour")
        alpine.run_a_session(services)
        harbour.run_a_session(services)
        services.runner.start()
        poisoned = self.share_unprojectable_feedback(services, alpine)
        held = services.app.handle(self.share(alpine, "Held behind")).position
        services.execute(alpine.coaching(alpine.members[0]))

        services.execute(self.share(harbour, "Useful"))

        assert self.feedback_texts(services, harbour) == ["Clear", "Useful"]
        assert self.feedback_texts(services, alpine) == ["Clear"]
        [member] = [
            m for m in services.queries.clusters.members(Scope(alpine.id), alpine.cluster) if m.coaching_half_days_used
        ]
        assert member.organisation.organisation_id == alpine.members[0]
        parked = services.runner.parked_events()
        assert [(p.tenant_id, p.projection, p.notification_id) for p in parked] == [
            (alpine.id, "feedback", poisoned),
            (alpine.id, "feedback", held),
        ]
        assert parked[0].failure is not None and parked[1].failure is None
        assert "Held behind" not in parked[0].failure.error
        assert services.health().ready and services.health().degraded

        assert services.runner.replay_parked(alpine.id) == ReplayResult(applied=0, still_parked=2)
        incremental = checksum(services.store)
        services.runner.stop()
        rebuild(services.app, services.store)
        assert checksum(services.store) == incremental
        assert [p.notification_id for p in services.runner.parked_events()] == [poisoned, held]

        fixed = ProjectionRunner(services.app, services.store, [FixedFeedbackProjection(services.store.tables)])
        assert fixed.replay_parked(tenant_id=alpine.id, projection="feedback") == ReplayResult(2, 0)
        assert self.feedback_texts(services, alpine) == sorted(["Clear", self.fixed_text, "Held behind"])
        assert services.runner.parked_events() == []
        assert services.health().ready and not services.health().degraded
