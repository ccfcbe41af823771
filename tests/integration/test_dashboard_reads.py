"""The cluster dashboard's reads: one query per register for all members, in one read transaction, showing what
the per-member queries show, for coaches and members alike."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from sqlalchemy import event

from backend.auth.principal import Principal
from backend.graphql.core.context import Context
from backend.graphql.isms.queries import readiness_evidence, readiness_evidence_many
from backend.graphql.schema import build_schema
from backend.policy import scope_for
from backend.services import Services
from domain.soa.commands import ApproveStatement, DecideControl, StartStatement, SubmitStatement
from domain.soa.rules import ImplementationStatus, InclusionReason
from domain.soa.statement import StatementOfApplicability, statement_id
from domain.tenancy.account import Role
from frontend.clusters.overview import DASHBOARD


def principal(services: Services, email: str) -> Principal:
    found = services.queries.tenancy.sign_in(email)
    assert found is not None
    a = found.account
    roles = frozenset(Role(role) for role in a.roles)
    return Principal(a.account_id, a.tenant_id, a.display_name, a.email, roles, "csrf", a.organisation_id)


@contextmanager
def statements_sent(services: Services) -> Iterator[list[tuple[int, str]]]:
    """The first word of each statement sent to the read models, with the thread that sent it."""
    seen: list[tuple[int, str]] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append((threading.get_ident(), statement.split(None, 1)[0].upper()))

    event.listen(services.store.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(services.store.engine, "before_cursor_execute", record)


READINESS = """          readiness {
            percent
            phases { phase status }
          }
"""
READINESS_READS = 10
"""Which members' registers are in view, then each register's summary (context, documents, SoA, risks and their
levels, facts, the latest risk review, metrics) and the risk method, once for all members: the count does not grow
with the members."""
LEDGERS = """        coachingHalfDays { entryNumber workDone }
"""
USED = """        coachingHalfDaysUsed
"""


def dashboard_in_its_own_thread(
    services: Services, viewer: Principal, cluster_id: UUID, document: str = DASHBOARD
) -> tuple[dict[str, Any], int]:
    """The dashboard as a page runs it, on an event loop of its own (a test may already run one), and its thread."""
    schema = build_schema()
    context = Context(services, viewer, "test")

    def run() -> tuple[Any, int]:
        document_run = schema.execute(document, variable_values={"id": str(cluster_id)}, context_value=context)
        return asyncio.run(document_run), threading.get_ident()

    with ThreadPoolExecutor(max_workers=1) as pool:
        result, thread = pool.submit(run).result()
    assert not result.errors, result.errors
    assert result.data is not None
    cluster: dict[str, Any] = result.data["cluster"]
    return cluster, thread


def dashboard(services: Services, viewer: Principal, cluster_id: UUID) -> dict[str, Any]:
    return dashboard_in_its_own_thread(services, viewer, cluster_id)[0]


def luxembourg(services: Services, viewer: Principal) -> UUID:
    [cluster] = [
        c for c in services.queries.clusters.clusters(scope_for(viewer), 50, None) if c.name == "Luxembourg SMEs 2026"
    ]
    return cluster.cluster_id


def test_the_dashboard_reads_each_register_once_for_all_members_in_one_transaction(
    demo_services: Services,
) -> None:
    coach = principal(demo_services, "coach@alpine.example")
    cluster_id = luxembourg(demo_services, coach)
    assert READINESS in DASHBOARD
    with statements_sent(demo_services) as statements:
        cluster, thread = dashboard_in_its_own_thread(
            demo_services, coach, cluster_id, DASHBOARD.replace(READINESS, "")
        )
    sent = [statement for sender, statement in statements if sender == thread]  # not the projection thread's
    assert len(cluster["members"]) == 3
    # cluster, members, gap analyses, milestones from the history, organisations, coaches: one each, whatever the
    # number of members
    assert sent.count("SELECT") == 6, sent
    assert sent.count("BEGIN") == 1, sent
    with statements_sent(demo_services) as statements:
        cluster, thread = dashboard_in_its_own_thread(demo_services, coach, cluster_id)
    sent = [statement for sender, statement in statements if sender == thread]
    assert all(member["organisation"]["readiness"] for member in cluster["members"])
    assert sent.count("SELECT") == 6 + READINESS_READS, sent
    assert sent.count("BEGIN") == 1, sent


def test_the_batched_reads_show_what_the_per_member_reads_show(demo_services: Services) -> None:
    queries = demo_services.queries
    for email in ("coach@alpine.example", "admin@alpine.example", "member@muller.example"):
        viewer = principal(demo_services, email)
        scope, cluster_id = scope_for(viewer), luxembourg(demo_services, viewer)
        with_ledgers = DASHBOARD.replace(USED, LEDGERS + USED)  # the page links to the ledgers; the API has them
        members = dashboard_in_its_own_thread(demo_services, viewer, cluster_id, with_ledgers)[0]["members"]
        expected = [m.organisation.organisation_id for m in queries.clusters.members(scope, cluster_id)]
        assert [UUID(m["organisation"]["id"]) for m in members] == expected
        assert len(members) == (1 if email.startswith("member@") else 3)
        for member, organisation_id in zip(members, expected, strict=True):
            ledger = queries.engagement.coaching_half_days(scope, cluster_id, organisation_id)
            assert [c["entryNumber"] for c in member["coachingHalfDays"]] == [c.entry_number for c in ledger]
            assert [c["workDone"] for c in member["coachingHalfDays"]] == [c.work_done for c in ledger]
            analyses = queries.assessment.assessments(scope, cluster_id, organisation_id)
            estimated = analyses[-1].estimated_half_days if analyses else None
            assert member["coachingHalfDaysEstimated"] == estimated


def test_readiness_read_for_all_members_at_once_is_what_each_members_own_read_shows(demo_services: Services) -> None:
    queries, today = demo_services.queries, demo_services.app.today()
    admin = principal(demo_services, "admin@alpine.example")
    cluster_id = luxembourg(demo_services, admin)
    everyone = tuple(m.organisation.organisation_id for m in queries.clusters.members(scope_for(admin), cluster_id))
    viewers = ("coach@alpine.example", "admin@alpine.example", "member@muller.example", "coach@harbour.example")
    for email in viewers:  # a member and another tenant's coach too: what is out of their view reads as nothing
        scope = scope_for(principal(demo_services, email))
        together = readiness_evidence_many(queries, scope, everyone, today)
        assert together == {o: readiness_evidence(queries, scope, o, today) for o in everyone}, email
        in_view = queries.organisations.with_registers_of(scope, list(everyone))
        assert in_view == {o: row for o in everyone if (row := queries.organisations.with_registers(scope, o))}, email
        assert len(in_view) == {"coach@harbour.example": 0, "member@muller.example": 1}.get(email, 3), email


def test_a_coach_of_another_tenant_reads_nothing_through_the_same_prepared_statements(
    demo_services: Services,
) -> None:
    alpine, harbour = (principal(demo_services, f"coach@{t}.example") for t in ("alpine", "harbour"))
    cluster_id = luxembourg(demo_services, alpine)
    assert dashboard(demo_services, alpine, cluster_id)["__typename"] == "Cluster"
    assert dashboard(demo_services, harbour, cluster_id)["__typename"] == "NotFoundError"
    queries, scope = demo_services.queries, scope_for(harbour)
    assert queries.clusters.members(scope, cluster_id) == []
    assert queries.engagement.coaching_half_days_by_member(scope, cluster_id) == {}
    assert queries.assessment.assessments_by_member(scope, cluster_id) == {}
    assert all(
        o.name not in {"Boulangerie Muller", "Kirchberg Dental"} for o in queries.organisations.organisations(scope)
    )


def test_each_members_statement_changes_are_counted_since_its_own_approval(demo_services: Services) -> None:
    """Boulangerie Muller changed decisions after its statement was approved; Kirchberg Dental's statement is
    approved later still. Read together, each member's changes count from its own approval, not the latest of all."""
    queries, app, today = demo_services.queries, demo_services.app, demo_services.app.today()
    coach, lena = principal(demo_services, "coach@alpine.example"), principal(demo_services, "lena@kirchberg.example")
    kirchberg = lena.organisation_id
    assert kirchberg is not None
    own = (lena.tenant_id, lena.account_id, kirchberg)
    app.handle(StartStatement(*own, "iso27001-2022"))
    statement = app.get(StatementOfApplicability, lena.tenant_id, statement_id(lena.tenant_id, kirchberg))
    for control in statement.controls:
        app.handle(
            DecideControl(*own, control, True, "Needed.", (InclusionReason.LEGAL,), ImplementationStatus.PLANNED)
        )
    app.handle(SubmitStatement(*own, 1))
    app.handle(ApproveStatement(coach.tenant_id, coach.account_id, kirchberg, 1))
    demo_services.runner.catch_up()
    scope = scope_for(coach)
    members = tuple(
        m.organisation.organisation_id for m in queries.clusters.members(scope, luxembourg(demo_services, coach))
    )
    together = queries.readiness.facts_of(scope, list(members), today)
    alone = {o: queries.readiness.facts(scope, o, today) for o in members}
    assert together == alone
    changed = {o: facts.soa_changed_since_approval for o, facts in together.items()}
    assert changed[kirchberg] == 0 and max(changed.values()) > 0  # Muller's changes since its own approval
