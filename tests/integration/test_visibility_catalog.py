"""The gate per organisation, read from the database catalog: every read table with an `organisation_id` column is
filtered by the one visibility filter of the query layer, for every feature alike.

Over the demo data, for each such table, each row that belongs to an organisation is seen by that organisation's
members, and never by a member of another organisation of the same cluster, by a coach of another cluster, or by
the other consultancy. A new table with an `organisation_id` is found here too: it must hold demo rows and pass.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any
from uuid import UUID

from sqlalchemy import inspect, select

from backend.services import Services
from domain.clusters.commands import RetractUnavailability
from domain.documents import commands as documents
from domain.engagement.commands import CorrectCoachingEntry, RaiseCoachingCeiling
from domain.feedback.commands import HideFeedback, UnhideFeedback
from domain.labels.body import PROFESSIONALS, labelling_body_id
from domain.labels.commands import AttestMission
from domain.labels.missions import MissionFacts
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role
from domain.tenancy.commands import DeactivateAccount, InviteAccount
from projections.core.scope import Scope

OPERATIONAL = {"projection_tracking", "parked_events"}


def tables_with_organisation(services: Services) -> list[str]:
    catalog = inspect(services.store.engine)
    return [
        name
        for name in catalog.get_table_names()
        if name not in OPERATIONAL and "organisation_id" in {c["name"] for c in catalog.get_columns(name)}
    ]


def raw_rows(services: Services, name: str) -> list[dict[str, Any]]:
    table = getattr(services.store.tables, name)
    with services.store.reading() as conn:
        return [dict(row) for row in conn.execute(select(table)).mappings()]


def in_view(services: Services, scope: Scope, name: str, row: dict[str, Any]) -> bool:
    table = getattr(services.store.tables, name)
    key = [column.name for column in table.primary_key.columns]
    return any(all(seen[k] == row[k] for k in key) for seen in services.queries.rows_in_view(scope, name))


class Demo:
    def __init__(self, services: Services) -> None:
        self.members = raw_rows(services, "cluster_members")
        self.clusters = {row["cluster_id"]: row for row in raw_rows(services, "clusters")}
        self.tenants = {row["tenant_id"] for row in raw_rows(services, "consultancies")}
        self.coaches = {
            (row["tenant_id"], row["account_id"])
            for row in raw_rows(services, "accounts")
            if "coach" in row["roles"].split(",")
        }
        self.organisations = {(row["tenant_id"], row["organisation_id"]) for row in raw_rows(services, "organisations")}

    def another_member(self, tenant_id: UUID, organisation_id: UUID, cluster_id: UUID | None) -> UUID | None:
        """Another organisation of the same cluster; outside clusters, any other organisation of the consultancy."""
        if cluster_id is None:
            others = [o for t, o in self.organisations if t == tenant_id and o != organisation_id]
        else:
            others = [
                m["organisation_id"]
                for m in self.members
                if m["cluster_id"] == cluster_id and m["organisation_id"] != organisation_id
            ]
        return others[0] if others else None

    def coaches_not_leading(self, tenant_id: UUID, organisation_id: UUID, cluster_id: UUID | None) -> list[UUID]:
        """Coaches of the consultancy who lead neither the row's cluster nor, outside clusters, a current cluster
        of the organisation; a coach leading nothing stands in when the demo has no such coach."""
        if cluster_id is not None:
            leads = {self.clusters[cluster_id]["coach_id"]}
        else:
            current = [
                self.clusters[m["cluster_id"]]
                for m in self.members
                if m["organisation_id"] == organisation_id and m["withdrawn_on"] is None
            ]
            current = [c for c in current if c["status"] != "closed"]
            if not current:
                return []  # a candidate awaiting a cluster: every coach of the consultancy may see it
            leads = {c["coach_id"] for c in current}
        others = [coach for tenant, coach in self.coaches if tenant == tenant_id and coach not in leads]
        return others or [uuid.uuid4()]


def raise_a_ceiling(services: Services) -> None:
    """The demo overrides no ceiling: one override, so that its table has a row to prove the gate with."""
    member = next(m for m in raw_rows(services, "cluster_members") if m["withdrawn_on"] is None)
    command = RaiseCoachingCeiling(
        member["tenant_id"], SYSTEM_ACTOR, member["cluster_id"], member["organisation_id"], 2, "A second site."
    )
    services.execute(command)


def hide_and_show_again(services: Services) -> None:
    """The demo hides no feedback: one hiding and its correction, so that the history has rows to prove the gate."""
    item = raw_rows(services, "feedback_items")[0]
    key = (item["tenant_id"], SYSTEM_ACTOR, item["cluster_id"], item["item_id"])
    services.execute(HideFeedback(*key, "Names a person."))
    services.execute(UnhideFeedback(*key, "Checked: it names no one."))


def correct_mistakes(services: Services) -> None:
    """The demo corrects nothing: one retracted unavailability and one corrected ledger entry, so that their
    histories have rows to prove the gate with (a session's history has rows from the demo's plan)."""
    period = raw_rows(services, "unavailability")[0]
    member = (period["tenant_id"], SYSTEM_ACTOR, period["cluster_id"], period["organisation_id"])
    services.execute(RetractUnavailability(*member, period["starts_on"], "Declared by mistake."))
    entry = raw_rows(services, "coaching_half_days")[0]
    member = (entry["tenant_id"], SYSTEM_ACTOR, entry["cluster_id"], entry["organisation_id"])
    services.execute(CorrectCoachingEntry(*member, entry["entry_number"], entry["held_on"], "Scope", "A typo."))


def attest_a_mission(services: Services) -> None:
    """A professional's mission attested for one member, so that the attestations have a row to prove the gate with
    (whether or not the demo attests one)."""
    member = next(m for m in raw_rows(services, "cluster_members") if m["withdrawn_on"] is None)
    facts = MissionFacts("A consultancy", "A cluster", "Retail", "small", date(2025, 1, 6), None, 3.0, 1.0, "under_way")
    professional = uuid.uuid4()
    services.execute(
        AttestMission(
            member["tenant_id"], SYSTEM_ACTOR, professional, member["cluster_id"], member["organisation_id"], facts
        )
    )


def approve_publish_and_acknowledge(services: Services) -> None:
    """The demo's policy is only submitted: sent back, a file attached, approved by someone else, published asking
    for acknowledgement, and acknowledged once, so that every document table has rows to prove the gate with."""
    row = next(r for r in raw_rows(services, "documents") if r["status"] == "submitted")
    author = raw_rows(services, "document_versions")[0]["author_id"]
    by_author = (row["tenant_id"], author, row["organisation_id"], row["document_id"])
    by_manager = (row["tenant_id"], uuid.uuid4(), row["organisation_id"], row["document_id"])
    services.execute(documents.RejectVersion(*by_manager, 1, "Name the CISO."))
    services.execute(documents.AttachFile(*by_author, 1, "signed.txt", b"Signed by the managing director."))
    services.execute(documents.SubmitVersion(*by_author, 1))
    services.execute(documents.ApproveVersion(*by_manager, 1, date(2027, 6, 1)))
    services.execute(documents.PublishVersion(*by_manager, 1, True))
    services.execute(documents.AcknowledgeVersion(*by_author, 1))


def test_every_table_with_an_organisation_is_gated_by_organisation(demo_services: Services) -> None:
    raise_a_ceiling(demo_services)
    approve_publish_and_acknowledge(demo_services)
    hide_and_show_again(demo_services)
    correct_mistakes(demo_services)
    attest_a_mission(demo_services)
    services, demo = demo_services, Demo(demo_services)
    names = tables_with_organisation(services)
    corrections = {"session_history", "unavailability_retractions", "coaching_entry_history"}
    assert {"cluster_members", "coaching_half_days", "gap_assessments", "feedback_items", "feedback_history"} <= set(
        names
    )
    assert corrections <= set(names)
    assert {"documents", "document_versions", "document_history", "document_attachments"} <= set(names)
    assert "document_acknowledgements" in names
    assert {"assets", "asset_dependencies", "asset_history"} <= set(names)
    assert {"itil_declarations", "itil_history"} <= set(names)
    risks = {"risks", "risk_assets", "risk_controls", "risk_history", "risk_reviews", "treatment_actions"}
    assert risks | {"security_objectives"} <= set(names)
    assert {"assets", "asset_dependencies", "asset_history", "asset_sources", "document_sources"} <= set(names)
    assert "audit_bundles" in names
    assert "mission_attestations" in names
    assert {"trail_organisation_events", "trail_cluster_events"} <= set(names)  # the audit trail, event by event
    for name in names:
        owned = [row for row in raw_rows(services, name) if row["organisation_id"] is not None]
        assert owned, f"{name}: the demo holds no row of an organisation to prove the gate with"
        for row in owned:
            tenant_id, organisation_id, cluster_id = row["tenant_id"], row["organisation_id"], row.get("cluster_id")
            assert in_view(services, Scope(tenant_id, organisation_id=organisation_id), name, row), name
            other = demo.another_member(tenant_id, organisation_id, cluster_id)
            assert other is not None, f"{name}: no other organisation to look from"
            assert not in_view(services, Scope(tenant_id, organisation_id=other), name, row), name
            for coach in demo.coaches_not_leading(tenant_id, organisation_id, cluster_id):
                assert not in_view(services, Scope(tenant_id, coach_id=coach), name, row), name
            for outsider in demo.tenants - {tenant_id}:
                assert not in_view(services, Scope(outsider), name, row), name
                assert not in_view(services, Scope(outsider, organisation_id=organisation_id), name, row), name


TENANT_WIDE_ACCOUNT_TABLES = ("deactivated_accounts", "invitations", "trail_account_events")
"""Read tables of accounts with no organisation: the policy lets admins alone read them through the API (the
accounts list, the accounts' audit trail), and the one filter keeps each consultancy's rows to itself."""


def deactivate_and_invite(services: Services) -> None:
    """The demo deactivates and invites no one: one of each, so that the account tables have rows to prove the gate."""
    for tenant_id, account_id in [
        (row["tenant_id"], row["account_id"])
        for row in raw_rows(services, "accounts")
        if row["roles"] == "coach" and row["email"].startswith("coach@")
    ]:
        services.execute(DeactivateAccount(tenant_id, SYSTEM_ACTOR, account_id, "Left the consultancy"))
        email = f"invited-{uuid.uuid4().hex[:8]}@example.org"
        services.execute(InviteAccount(tenant_id, SYSTEM_ACTOR, email, "Invited", Role.COACH, uuid.uuid4().hex * 2))


def test_the_account_tables_keep_each_consultancy_s_rows_to_itself(demo_services: Services) -> None:
    deactivate_and_invite(demo_services)
    tenants = Demo(demo_services).tenants
    for name in TENANT_WIDE_ACCOUNT_TABLES:
        rows = raw_rows(demo_services, name)
        held = {row["tenant_id"] for row in rows}  # the labelling body's and the realm's accounts' trails too
        assert held >= tenants, f"{name}: every consultancy holds a row"
        for row in rows:
            assert in_view(demo_services, Scope(row["tenant_id"]), name, row), name
            for outsider in (tenants | held) - {row["tenant_id"]}:
                assert not in_view(demo_services, Scope(outsider), name, row), name


CONSULTANCY_TABLES = ("imported_catalogues", "control_texts", "library_items", "library_item_history")
"""Read tables of the consultancy's own reference data, with no organisation: everyone signed in to the consultancy
reads them (the policy lets admins and coaches write them), and the one filter keeps them from every other."""


def test_the_consultancy_s_own_tables_keep_each_consultancy_s_rows_to_itself(demo_services: Services) -> None:
    demo = Demo(demo_services)
    for name in CONSULTANCY_TABLES:
        rows = raw_rows(demo_services, name)
        assert {row["tenant_id"] for row in rows} == demo.tenants, f"{name}: every consultancy holds a row"
        for row in rows:
            tenant_id = row["tenant_id"]
            members = [o for t, o in demo.organisations if t == tenant_id]
            assert in_view(demo_services, Scope(tenant_id, organisation_id=members[0]), name, row), name
            for outsider in demo.tenants - {tenant_id}:
                assert not in_view(demo_services, Scope(outsider), name, row), name
                outsiders = [o for t, o in demo.organisations if t == outsider]
                assert not in_view(demo_services, Scope(outsider, organisation_id=outsiders[0]), name, row), name


def test_each_professional_link_row_is_seen_in_its_own_tenant_only(demo_services: Services) -> None:
    """A link's row in the consultancy's tenant and its row in the professionals' realm: each read by its own tenant,
    never by another consultancy, the labelling body, or the realm reading the consultancy's row."""
    rows = raw_rows(demo_services, "professional_links")
    held = {row["tenant_id"] for row in rows}
    body = labelling_body_id("label-board")
    assert {PROFESSIONALS, *Demo(demo_services).tenants} <= held
    for row in rows:
        assert in_view(demo_services, Scope(row["tenant_id"]), "professional_links", row)
        for outsider in (held | {body}) - {row["tenant_id"]}:
            assert not in_view(demo_services, Scope(outsider), "professional_links", row)
