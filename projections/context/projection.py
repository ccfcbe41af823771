"""The context's rows, written from its events; every event names its organisation, so no row is looked up."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, bindparam, insert, update

from domain.context.commitment import ManagementCommitment
from domain.context.isms_scope import IsmsScope
from domain.context.issue import ContextIssue
from domain.context.party import InterestedParty
from domain.context.role import IsmsRole
from domain.context.templates import stakeholder_kind
from projections.core.projection import Projection
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter

ISSUE_FACTS = ("text", "side", "category", "effect")
ROLE_FACTS = ("kind", "title", "responsibilities", "person_name", "account_id")


def _key(table: Table, *extra: str) -> tuple[Any, ...]:
    columns = ("tenant_id", "organisation_id", "item_id", *extra)
    return tuple(table.c[name] == bindparam(f"k_{name}") for name in columns)


def _keyed(event: Any, **extra: Any) -> dict[str, Any]:
    found = {"k_tenant_id": event.tenant_id, "k_organisation_id": event.organisation_id}
    return found | {"k_item_id": event.originator_id} | {f"k_{name}": value for name, value in extra.items()}


def _setting(statement: Any, *columns: str) -> Any:
    """An update, prepared once, setting each column from the parameter `v_<column>`."""
    return statement.values({column: bindparam(f"v_{column}") for column in columns})


def _values(**given: Any) -> dict[str, Any]:
    return {f"v_{name}": value for name, value in given.items()}


def _owned(event: Any) -> dict[str, Any]:
    return {"tenant_id": event.tenant_id, "organisation_id": event.organisation_id, "item_id": event.originator_id}


class ContextProjection(Projection):
    name = "context"
    handles = {
        (ContextIssue, "Raised"): "issue_raised",
        (ContextIssue, "Changed"): "issue_changed",
        (ContextIssue, "Retired"): "issue_retired",
        (InterestedParty, "Identified"): "party_identified",
        (InterestedParty, "QuestionAnswered"): "question_answered",
        (InterestedParty, "RequirementListed"): "requirement_listed",
        (InterestedParty, "RequirementWithdrawn"): "requirement_withdrawn",
        (InterestedParty, "Retired"): "party_retired",
        (IsmsScope, "Stated"): "scope_stated",
        (IsmsScope, "Restated"): "scope_stated",
        (IsmsRole, "Defined"): "role_defined",
        (IsmsRole, "Changed"): "role_changed",
        (IsmsRole, "Retired"): "role_retired",
        (ManagementCommitment, "Recorded"): "commitment_recorded",
        (ManagementCommitment, "Renewed"): "commitment_recorded",
    }

    def __init__(self, tables: ReadTables) -> None:
        super().__init__(tables)
        t = tables
        self._issue = insert(t.context_issues)
        issue = update(t.context_issues).where(*_key(t.context_issues))
        self._change_issue = _setting(issue, *ISSUE_FACTS, "changed_at")
        self._retire_issue = _setting(issue, "status", "retired_reason", "changed_at")
        self._party = insert(t.context_parties)
        self._retire_party = _setting(
            update(t.context_parties).where(*_key(t.context_parties)), "status", "retired_reason"
        )
        self._answer = insert(t.context_party_answers)
        answers = update(t.context_party_answers).where(*_key(t.context_party_answers, "question_key"))
        self._reanswer = _setting(answers, "answer", "answered_at")
        self._requirement = insert(t.context_requirements)
        requirements = update(t.context_requirements).where(*_key(t.context_requirements, "number"))
        self._withdraw = _setting(requirements, "status", "withdrawn_reason")
        self._scope = insert(t.context_scope_versions)
        self._role = insert(t.context_roles)
        role = update(t.context_roles).where(*_key(t.context_roles))
        self._change_role = _setting(role, *ROLE_FACTS)
        self._retire_role = _setting(role, "status", "retired_reason")
        self._commitment = insert(t.context_commitments)
        self._history = insert(t.context_history)

    def issue_raised(self, writer: GroupedWriter, event: Any) -> None:
        facts = {name: getattr(event, name) for name in ISSUE_FACTS}
        row = _owned(event) | facts | {"status": "current", "raised_at": event.timestamp}
        writer.write(self._issue, row | {"changed_at": event.timestamp})
        self._record(writer, event, "raised", event.text)

    def issue_changed(self, writer: GroupedWriter, event: Any) -> None:
        facts = _values(**{name: getattr(event, name) for name in ISSUE_FACTS}, changed_at=event.timestamp)
        writer.write(self._change_issue, _keyed(event) | facts)
        self._record(writer, event, "changed", event.text)

    def issue_retired(self, writer: GroupedWriter, event: Any) -> None:
        retired = _values(status="retired", retired_reason=event.reason, changed_at=event.timestamp)
        writer.write(self._retire_issue, _keyed(event) | retired)
        self._record(writer, event, "retired", "")

    def party_identified(self, writer: GroupedWriter, event: Any) -> None:
        environment = stakeholder_kind(event.kind).environment
        row = {"name": event.name, "kind": event.kind, "environment": environment, "status": "current"}
        writer.write(self._party, _owned(event) | row | {"identified_at": event.timestamp})
        self._record(writer, event, "identified", event.name)

    def question_answered(self, writer: GroupedWriter, event: Any) -> None:
        answer = {"answer": event.answer, "answered_at": event.timestamp}
        if event.reason is None:
            writer.write(self._answer, _owned(event) | {"question_key": event.question_key} | answer)
        else:
            writer.write(self._reanswer, _keyed(event, question_key=event.question_key) | _values(**answer))
        self._record(writer, event, "answered", f"{event.question_key}: {event.answer}")

    def requirement_listed(self, writer: GroupedWriter, event: Any) -> None:
        row = {"number": event.number, "text": event.text, "status": "standing", "listed_at": event.timestamp}
        writer.write(self._requirement, _owned(event) | row)
        self._record(writer, event, "requirement_listed", f"{event.number}. {event.text}")

    def requirement_withdrawn(self, writer: GroupedWriter, event: Any) -> None:
        withdrawn = _values(status="withdrawn", withdrawn_reason=event.reason)
        writer.write(self._withdraw, _keyed(event, number=event.number) | withdrawn)
        self._record(writer, event, "requirement_withdrawn", str(event.number))

    def party_retired(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._retire_party, _keyed(event) | _values(status="retired", retired_reason=event.reason))
        self._record(writer, event, "retired", "")

    def scope_stated(self, writer: GroupedWriter, event: Any) -> None:
        texts = {name: getattr(event, name) for name in ("statement", "boundaries", "interfaces", "exclusions")}
        owned = {"tenant_id": event.tenant_id, "organisation_id": event.organisation_id}
        version = {"version": getattr(event, "scope_version", 1), "reason": getattr(event, "reason", None)}
        writer.write(self._scope, owned | texts | version | {"stated_by": event.actor_id, "stated_at": event.timestamp})

    def role_defined(self, writer: GroupedWriter, event: Any) -> None:
        row = _owned(event) | _role_facts(event) | {"status": "current", "defined_at": event.timestamp}
        writer.write(self._role, row)
        self._record(writer, event, "defined", f"{event.title}: {event.person_name}")

    def role_changed(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._change_role, _keyed(event) | _values(**_role_facts(event)))
        self._record(writer, event, "changed", f"{event.title}: {event.person_name}")

    def role_retired(self, writer: GroupedWriter, event: Any) -> None:
        writer.write(self._retire_role, _keyed(event) | _values(status="retired", retired_reason=event.reason))
        self._record(writer, event, "retired", "")

    def commitment_recorded(self, writer: GroupedWriter, event: Any) -> None:
        row = {
            "tenant_id": event.tenant_id,
            "organisation_id": event.organisation_id,
            "version": getattr(event, "commitment_version", 1),
            "evidence": event.evidence,
            "committed_on": event.committed_on,
            "admission_cluster_id": event.admission_cluster_id,
            "reason": getattr(event, "reason", None),
            "recorded_by": event.actor_id,
            "recorded_at": event.timestamp,
        }
        writer.write(self._commitment, row)

    def _record(self, writer: GroupedWriter, event: Any, action: str, summary: str) -> None:
        done = {"version": event.originator_version, "action": action, "summary": summary}
        who = {"reason": getattr(event, "reason", None), "acted_by": event.actor_id, "acted_at": event.timestamp}
        writer.write(self._history, _owned(event) | done | who)


def _role_facts(event: Any) -> dict[str, Any]:
    return {name: getattr(event, name) for name in ROLE_FACTS}
