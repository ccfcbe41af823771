"""The credentials as the labelling body publishes them (its own tenant's rows, by the public id) and as a
professional downloads their own (the realm's rows, theirs only). Whoever asks, a credential of another body or of
another professional is answered as a missing one."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import func, select

from domain.labels.body import PROFESSIONALS
from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.credentials.rows import CountedMissionRow, CredentialRow


class CredentialQueries(FeatureQueries):
    def published(self, body_id: UUID, credential_id: UUID) -> CredentialRow | None:
        """A credential of this labelling body, by its public id."""
        rows = self.t.label_credentials
        scope = Scope(body_id)
        found = self._one(select(rows).where(self.visible.rows(scope, rows), rows.c.credential_id == credential_id))
        return None if found is None else self._row(scope, found)

    def of_professional(self, professional_id: UUID, credential_id: UUID) -> CredentialRow | None:
        """One of this professional's credentials, whichever body issued it (the realm's row)."""
        rows = self.t.label_credentials
        scope = Scope(PROFESSIONALS)
        found = self._one(
            select(rows).where(
                self.visible.rows(scope, rows),
                rows.c.professional_id == professional_id,
                rows.c.credential_id == credential_id,
            )
        )
        return None if found is None else self._row(scope, found)

    def body(self, body_id: UUID) -> tuple[str, str] | None:
        """The labelling body's short name and name, as its credentials' addresses and issuer name them."""
        bodies = self.t.label_credential_bodies
        found = self._one(
            select(bodies.c.slug, bodies.c.name).where(
                self.visible.rows(Scope(body_id), bodies), bodies.c.body_id == body_id
            )
        )
        return None if found is None else (str(found["slug"]), str(found["name"]))

    def professional_credentials(self, professional_id: UUID) -> list[tuple[CredentialRow, str, str]]:
        """The professional's credentials, whichever body issued them, each with its body's short name and name; the
        latest issued first (the realm's rows, theirs only)."""
        rows, bodies = self.t.label_credentials, self.t.label_credential_bodies
        scope = Scope(PROFESSIONALS)
        query = (
            select(rows, bodies.c.slug.label("body_slug"), bodies.c.name.label("body_name"))
            .join(bodies, (bodies.c.tenant_id == rows.c.tenant_id) & (bodies.c.body_id == rows.c.body_id))
            .where(self.visible.rows(scope, rows), rows.c.professional_id == professional_id)
            .order_by(rows.c.awarded_on.desc(), rows.c.credential_id)
        )
        return [(self._row(scope, found), found["body_slug"], found["body_name"]) for found in self._all(query)]

    def status_entries(self, body_id: UUID, status_list: int) -> dict[int, str] | None:
        """The status of every credential with an entry in this list of the body, by index; None for a list that
        holds no credential."""
        rows = self.t.label_credentials
        query = select(rows.c.status_index, rows.c.status).where(
            self.visible.rows(Scope(body_id), rows), rows.c.status_list == status_list
        )
        found = self._all(query)
        return {int(row["status_index"]): str(row["status"]) for row in found} if found else None

    def status_list_changed(self, body_id: UUID, status_list: int) -> datetime | None:
        """When an entry of this list of the body was last written (an issuance or a change of status), in UTC; None
        for a list that holds no credential."""
        rows = self.t.label_credentials
        found = self._one(
            select(func.max(rows.c.status_changed_at).label("changed")).where(
                self.visible.rows(Scope(body_id), rows), rows.c.status_list == status_list
            )
        )
        changed = None if found is None else found["changed"]
        if not isinstance(changed, datetime):
            return None
        return changed.replace(tzinfo=UTC) if changed.tzinfo is None else changed.astimezone(UTC)

    def _row(self, scope: Scope, found: dict[str, Any]) -> CredentialRow:
        missions = self.t.label_credential_missions
        counted = self._all(
            select(missions)
            .where(self.visible.rows(scope, missions), missions.c.record_id == found["record_id"])
            .order_by(missions.c.ended_on, missions.c.mission_id)
        )
        return CredentialRow(
            body_id=found["body_id"],
            credential_id=found["credential_id"],
            professional_id=found["professional_id"],
            name=found["name"],
            scheme_version=found["scheme_version"],
            training_title=found["training_title"],
            training_provider=found["training_provider"],
            trained_on=found["trained_on"],
            exam_passed_on=found["exam_passed_on"],
            evaluated_on=found["evaluated_on"],
            results=dict(found["results"]),
            awarded_on=found["awarded_on"],
            valid_from=found["valid_from"],
            valid_until=found["valid_until"],
            status_list=found["status_list"],
            status_index=found["status_index"],
            status=found["status"],
            missions=tuple(
                CountedMissionRow(m["mission_id"], m["ended_on"], float(m["coaching_days"])) for m in counted
            ),
        )
