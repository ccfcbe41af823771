"""Management reviews, their kept inputs, opportunities, decisions and actions, from the review's events."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update

from domain.reviews.review import ManagementReview
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter


class ReviewProjection(Projection):
    name = "reviews"
    handles = {
        (ManagementReview, "Planned"): "planned",
        (ManagementReview, "InputsGathered"): "gathered",
        (ManagementReview, "OpportunityNoted"): "noted",
        (ManagementReview, "Held"): "held",
        (ManagementReview, "DecisionRecorded"): "decided",
        (ManagementReview, "Closed"): "closed",
        (ManagementReview, "DecisionCorrected"): "corrected",
        (ManagementReview, "ActionChanged"): "action_changed",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        reviews = tables.management_reviews
        self._reviews = reviews
        self._the_review = (reviews.c.tenant_id == bindparam("t"), reviews.c.review_id == bindparam("r"))
        self._organisation = select(reviews.c.organisation_id, reviews.c.held_on).where(*self._the_review)

    def planned(self, writer: GroupedWriter, event: Any) -> None:
        row = {"tenant_id": event.tenant_id, "review_id": event.originator_id, "organisation_id": event.organisation_id}
        row |= {"held_on": event.held_on, "chair": event.chair, "attendees": json.dumps(list(event.attendees))}
        row |= {"status": "planned", "decisions": 0, "changed_at": event.timestamp}
        writer.write(insert(self._reviews), row)

    def gathered(self, writer: GroupedWriter, event: Any) -> None:
        inputs = self.tables.management_review_inputs
        key = _key(event)
        writer.write(
            delete(inputs).where(inputs.c.tenant_id == bindparam("t"), inputs.c.review_id == bindparam("r")), key
        )
        owner = self._owner(writer, event)
        for position, section in enumerate(event.sections, start=1):
            row = self._row(event, owner) | {"position": position, "key": section["key"], "title": section["title"]}
            row |= {"recorded": section["recorded"], "lines": json.dumps(list(section["lines"]))}
            writer.write(insert(inputs), row)
        self._review(writer, event, gathered_on=event.gathered_on)

    def noted(self, writer: GroupedWriter, event: Any) -> None:
        row = self._row(event, self._owner(writer, event)) | {"position": event.originator_version, "text": event.text}
        writer.write(insert(self.tables.management_review_opportunities), row)

    def held(self, writer: GroupedWriter, event: Any) -> None:
        self._review(writer, event, status="held")

    def decided(self, writer: GroupedWriter, event: Any) -> None:
        owner = self._owner(writer, event)
        row = self._row(event, owner) | {"number": event.number, "text": event.text}
        row |= {"how_reached": event.how_reached, "resources": event.resources}
        writer.write(insert(self.tables.management_review_decisions), row)
        for offset, action in enumerate(event.actions):
            done = self._row(event, owner) | {"number": event.first_action + offset, "decision": event.number}
            done |= {"held_on": owner["held_on"], "title": action["title"], "owner": action["owner"]}
            done |= {"due_on": action["due_on"], "status": "open"}
            writer.write(insert(self.tables.management_review_actions), done)
        self._review(writer, event, decisions=event.number)

    def closed(self, writer: GroupedWriter, event: Any) -> None:
        self._review(writer, event, status="closed", closed_by=event.actor_id, closed_at=event.timestamp)

    def corrected(self, writer: GroupedWriter, event: Any) -> None:
        decisions = self.tables.management_review_decisions
        changed = update(decisions).where(
            decisions.c.tenant_id == bindparam("t"),
            decisions.c.review_id == bindparam("r"),
            decisions.c.number == bindparam("n"),
        )
        values = {"text": event.text, "how_reached": event.how_reached, "resources": event.resources}
        writer.write(changed.values(**values, correction_reason=event.reason), _key(event) | {"n": event.number})
        self._review(writer, event)

    def action_changed(self, writer: GroupedWriter, event: Any) -> None:
        actions = self.tables.management_review_actions
        changed = update(actions).where(
            actions.c.tenant_id == bindparam("t"),
            actions.c.review_id == bindparam("r"),
            actions.c.number == bindparam("n"),
        )
        writer.write(changed.values(status=event.status, note=event.note or None), _key(event) | {"n": event.number})
        self._review(writer, event)

    def _review(self, writer: GroupedWriter, event: Any, **values: Any) -> None:
        changed = update(self._reviews).where(*self._the_review).values(changed_at=event.timestamp, **values)
        writer.write(changed, _key(event))

    def _owner(self, writer: GroupedWriter, event: Any) -> dict[str, Any]:
        found = writer.read(self._organisation, _key(event)).mappings().one()
        return dict(found)

    def _row(self, event: Any, owner: dict[str, Any]) -> dict[str, Any]:
        return {
            "tenant_id": event.tenant_id,
            "review_id": event.originator_id,
            "organisation_id": owner["organisation_id"],
        }


def _key(event: Any) -> dict[str, Any]:
    return {"t": event.tenant_id, "r": event.originator_id}
