"""An organisation's registers in the figures a certification auditor asks about (ISO/IEC 27001:2022 documented
information), read in one statement. Each table is filtered by the one visibility filter on its `organisation_id`:
its own member accounts, the coach of a cluster it belongs to and the consultancy's admins; never another member
of the same cluster, a coach of another cluster or another tenant (they read zeros, and the API answers nothing)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, Table, func, select

from projections.core.reading import FeatureQueries
from projections.core.scope import Scope
from projections.readiness.rows import ReadinessFacts

TREATED = ("treated", "accepted")
"""Risk statuses with a treatment chosen (accepted is the treatment `accept` decided by management)."""
OBJECTIVES_FINISHED = ("achieved", "cancelled")


class ReadinessQueries(FeatureQueries):
    def facts(self, scope: Scope, organisation_id: UUID, today: date) -> ReadinessFacts:
        """The counts and latest dates of `ReadinessFacts`, as the scope shows them: one statement, built once per
        kind of scope (a cluster's page reads every member's)."""
        query, parameters = self._prepared.get(
            "readiness", scope, self._facts_query, organisation_id=organisation_id, today=today, year=today.year
        )
        return _facts(self._one(query, parameters) or {})

    def facts_of(self, scope: Scope, organisation_ids: list[UUID], today: date) -> dict[UUID, ReadinessFacts]:
        """`facts` of several organisations, in one statement (a cluster's dashboard reads every member's)."""
        rows = self._per_organisation(
            "readiness_of_many", scope, self._facts_query, organisation_ids, False, today=today, year=today.year
        )
        found = {row["of_organisation"]: _facts(row) for row in rows}
        return {organisation: found.get(organisation, _facts({})) for organisation in organisation_ids}

    def _facts_query(self, scope: Scope, organisation_id: Any, today: Any, year: Any) -> Select[Any]:
        t = self.t

        def mine(table: Table) -> list[ColumnElement[bool]]:
            return [self.visible.rows(scope, table), table.c.organisation_id == organisation_id]

        # Each subquery reads its own table only: anything else it names (the organisation driving a read of
        # several, `_per_organisation`) is the enclosing query's, however deep it is nested (the SoA's approval
        # inside the count of controls changed since).
        def count(table: Table, *where: ColumnElement[bool]) -> Any:
            return select(func.count()).where(*mine(table), *where).correlate_except(table).scalar_subquery()

        def latest(table: Table, column: str, *where: ColumnElement[bool]) -> Any:
            query = select(func.max(table.c[column])).where(*mine(table), *where)
            return query.correlate_except(table).scalar_subquery()

        documents, risks, actions, objectives = t.documents, t.risks, t.treatment_actions, t.security_objectives
        trainings, campaigns, audits, reviews = t.trainings, t.awareness_campaigns, t.audits, t.management_reviews
        ncs, corrective = t.nonconformities, t.corrective_actions
        policy = documents.c.kind == "policy"
        controls, versions = t.soa_controls, t.soa_versions
        approved_at = latest(versions, "approved_at")
        query = select(
            latest(t.context_scope_versions, "stated_at").label("scope_stated_at"),
            count(documents, policy).label("policies"),
            count(documents, policy, documents.c.published_version.is_not(None), documents.c.review_on < today).label(
                "policies_review_overdue"
            ),
            count(controls, controls.c.decided_at > approved_at).label("soa_changed"),
            count(risks, risks.c.open == 1, risks.c.status.in_(TREATED)).label("risks_treated"),
            count(actions).label("treatment_actions"),
            latest(actions, "planned_at").label("last_action_planned_at"),
            count(objectives, objectives.c.status != "cancelled").label("objectives"),
            count(objectives, objectives.c.status.not_in(OBJECTIVES_FINISHED), objectives.c.due_on < today).label(
                "objectives_overdue"
            ),
            count(t.changes).label("changes"),
            latest(t.changes, "filed_on").label("last_change_on"),
            count(trainings, trainings.c.withdrawn == 0).label("trainings"),
            count(campaigns, campaigns.c.withdrawn == 0).label("campaigns"),
            latest(trainings, "completed_on", trainings.c.withdrawn == 0).label("last_training_on"),
            latest(campaigns, "held_on", campaigns.c.withdrawn == 0).label("last_campaign_on"),
            count(t.audit_programmes).label("programmes"),
            count(t.audit_programmes, t.audit_programmes.c.year == year).label("programmes_this_year"),
            count(audits).label("audits"),
            count(audits, audits.c.status == "completed").label("audits_completed"),
            latest(audits, "held_on", audits.c.status == "completed").label("last_audit_held_on"),
            count(reviews).label("reviews"),
            count(reviews, reviews.c.status == "closed").label("reviews_closed"),
            latest(reviews, "held_on", reviews.c.status == "closed").label("last_review_closed_on"),
            count(ncs).label("nonconformities"),
            count(ncs, ncs.c.status == "open").label("nonconformities_unanalysed"),
            count(corrective, corrective.c.completed_on.is_(None), corrective.c.due_on < today).label("overdue"),
        )
        return query


def _day(moment: datetime | date | None) -> date | None:
    return moment.date() if isinstance(moment, datetime) else moment


def _latest(*days: date | None) -> date | None:
    found = [day for day in days if day is not None]
    return max(found) if found else None


def _facts(row: dict[str, Any]) -> ReadinessFacts:
    def n(key: str) -> int:
        return int(row.get(key) or 0)

    return ReadinessFacts(
        scope_stated_on=_day(row.get("scope_stated_at")),
        policies=n("policies"),
        policies_review_overdue=n("policies_review_overdue"),
        soa_changed_since_approval=n("soa_changed"),
        risks_treated=n("risks_treated"),
        treatment_actions=n("treatment_actions"),
        objectives=n("objectives"),
        objectives_overdue=n("objectives_overdue"),
        changes=n("changes"),
        last_operation_on=_latest(row.get("last_change_on"), _day(row.get("last_action_planned_at"))),
        trainings=n("trainings") + n("campaigns"),
        last_training_on=_latest(row.get("last_training_on"), row.get("last_campaign_on")),
        programmes=n("programmes"),
        programme_this_year=n("programmes_this_year") > 0,
        audits=n("audits"),
        audits_completed=n("audits_completed"),
        last_audit_held_on=row.get("last_audit_held_on"),
        reviews=n("reviews"),
        reviews_closed=n("reviews_closed"),
        last_review_closed_on=row.get("last_review_closed_on"),
        nonconformities=n("nonconformities"),
        nonconformities_unanalysed=n("nonconformities_unanalysed"),
        corrective_actions_overdue=n("overdue"),
    )
