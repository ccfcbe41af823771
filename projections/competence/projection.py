"""Training records and awareness campaigns, one row each, and what was done to them, from their events."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, select, update

from domain.competence.campaign import AwarenessCampaign
from domain.competence.training import Training
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class CompetenceProjection(Projection):
    name = "competence"
    handles = {
        (Training, "Recorded"): "training_recorded",
        (Training, "Withdrawn"): "training_withdrawn",
        (AwarenessCampaign, "Run"): "campaign_run",
        (AwarenessCampaign, "Withdrawn"): "campaign_withdrawn",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        trainings, campaigns = tables.trainings, tables.awareness_campaigns
        self._training = insert(trainings)
        self._withdraw_training = (
            update(trainings)
            .where(trainings.c.tenant_id == bindparam("t"), trainings.c.training_id == bindparam("r"))
            .values(withdrawn=1, withdrawn_reason=bindparam("reason"))
        )
        self._campaign = insert(campaigns)
        self._withdraw_campaign = (
            update(campaigns)
            .where(campaigns.c.tenant_id == bindparam("t"), campaigns.c.campaign_id == bindparam("r"))
            .values(withdrawn=1, withdrawn_reason=bindparam("reason"))
        )
        history = tables.competence_history
        self._history = insert(history)
        self._organisation = select(history.c.organisation_id).where(
            history.c.tenant_id == bindparam("t"), history.c.record_id == bindparam("r"), history.c.version == 1
        )

    def training_recorded(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "training_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "account_id": event.account_id,
            "person_name": event.person_name,
            "course": event.course,
            "sort_course": event.course.casefold(),
            "completed_on": event.completed_on,
            "provider": event.provider,
            "evidence": event.evidence,
            "document_id": event.document_id,
            "withdrawn": 0,
            "withdrawn_reason": None,
            "recorded_by": event.actor_id,
            "recorded_at": event.timestamp,
        }
        writer.write(self._training, row)
        self._record(writer, event, event.organisation_id, "recorded", None)

    def training_withdrawn(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._withdraw_training, {"t": event.tenant_id, "r": event.originator_id, "reason": event.reason})
        self._record(writer, event, None, "withdrawn", event.reason)

    def campaign_run(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "campaign_id": event.originator_id,
            "organisation_id": event.organisation_id,
            "title": event.title,
            "held_on": event.held_on,
            "audience": event.audience,
            "material": event.material,
            "participants": list(event.participants),
            "withdrawn": 0,
            "withdrawn_reason": None,
            "recorded_by": event.actor_id,
            "recorded_at": event.timestamp,
        }
        writer.write(self._campaign, row)
        self._record(writer, event, event.organisation_id, "run", None)

    def campaign_withdrawn(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._withdraw_campaign, {"t": event.tenant_id, "r": event.originator_id, "reason": event.reason})
        self._record(writer, event, None, "withdrawn", event.reason)

    def _record(self, writer: GroupedWriter, event: Any, organisation_id: Any, action: str, reason: Any) -> None:
        """The history row; a withdrawal finds its organisation in the record's first history row."""
        if organisation_id is None:
            found = writer.read(self._organisation, {"t": event.tenant_id, "r": event.originator_id})
            organisation_id = found.scalar_one()
        row = {
            "tenant_id": event.tenant_id,
            "record_id": event.originator_id,
            "version": event.originator_version,
            "organisation_id": organisation_id,
            "action": action,
            "reason": reason,
            "acted_by": event.actor_id,
            "acted_at": event.timestamp,
        }
        writer.write(self._history, row)
