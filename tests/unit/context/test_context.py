"""The context's rules, through the application: exclusions need a justification, text has limits, roles may be
held together and conflict only where an auditor would audit their own work, changes and retirements say why."""

from __future__ import annotations

from datetime import date
from uuid import UUID, uuid4

import pytest

from domain.application import Cordee
from domain.clusters.admission import AdmissionCriteria
from domain.clusters.commands import AdmitOrganisation, FormCluster
from domain.context.commands import (
    AnswerPartyQuestion,
    ChangeContextIssue,
    ChangeIsmsRole,
    DefineIsmsRole,
    IdentifyInterestedParty,
    ListPartyRequirement,
    RaiseContextIssue,
    RecordManagementCommitment,
    RetireContextIssue,
    RetireInterestedParty,
    StateIsmsScope,
    WithdrawPartyRequirement,
)
from domain.context.isms_scope import Exclusion, IsmsScope, scope_id
from domain.context.rules import role_conflicts
from domain.context.templates import stakeholder_kinds
from domain.organisations.commands import RegisterOrganisation
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.calendar import business_day
from domain.shared.errors import DomainError, NotFound, ValidationFailed
from domain.tenancy.account import Role
from domain.tenancy.commands import CreateConsultancy, OpenAccount

TODAY = date(2027, 1, 4)


class Org:
    def __init__(self) -> None:
        self.app = app = Cordee()
        app.today = lambda: TODAY
        self.tenant = app.handle(CreateConsultancy(SYSTEM_ACTOR, "Alpine", "alpine")).aggregate_id
        self.organisation = self.register("Muller")
        self.other = self.register("Kirchberg")
        self.member = self.account("ana@muller.example", self.organisation)
        self.outsider = self.account("lena@kirchberg.example", self.other)

    def register(self, name: str) -> UUID:
        return self.app.handle(RegisterOrganisation(self.tenant, SYSTEM_ACTOR, name, "Retail", 9)).aggregate_id

    def account(self, email: str, organisation: UUID) -> UUID:
        opened = OpenAccount(self.tenant, SYSTEM_ACTOR, email, email, "$argon2id$x", (Role.MEMBER,), organisation)
        return self.app.handle(opened).aggregate_id

    def position(self) -> int | None:
        return self.app.recorder.max_notification_id()

    def refused(self, command: object, field: str, kind: type[DomainError] = ValidationFailed) -> DomainError:
        before = self.position()
        with pytest.raises(kind) as error:
            self.app.handle(command)
        assert error.value.field == field, error.value.message
        assert self.position() == before
        return error.value

    def scope(self, *exclusions: Exclusion, reason: str | None = None) -> object:
        return StateIsmsScope(
            self.tenant,
            self.member,
            self.organisation,
            "Video service",
            "Data centre",
            "Customer VPN",
            exclusions,
            reason,
        )

    def role(self, kind: str, person: str = "Ana", account_id: UUID | None = None) -> DefineIsmsRole:
        return DefineIsmsRole(
            self.tenant, self.member, self.organisation, kind, kind.upper(), "Duties", person, account_id
        )


@pytest.fixture
def org() -> Org:
    return Org()


def test_an_exclusion_without_a_justification_is_refused_naming_it(org: Org) -> None:
    kept = Exclusion("Development", "Outsourced to a certified partner")
    error = org.refused(org.scope(kept, Exclusion("Physical site", "  ")), "exclusions.1.justification")
    assert "Physical site" in error.message
    org.refused(org.scope(Exclusion(" ", "Because")), "exclusions.0.what")
    org.app.handle(org.scope(kept))


def test_each_scope_statement_is_a_version_and_a_new_one_says_why(org: Org) -> None:
    org.app.handle(org.scope())
    org.refused(org.scope(), "reason")
    org.app.handle(org.scope(reason="The data centre moved"))
    scope = org.app.get(IsmsScope, org.tenant, scope_id(org.tenant, org.organisation))
    assert scope.scope_version == 2


def test_issue_text_has_limits_and_no_control_characters(org: Org) -> None:
    def issue(text: str = "Growth", side: str = "internal", category: str = "strategy") -> RaiseContextIssue:
        return RaiseContextIssue(org.tenant, org.member, org.organisation, text, side, category, "More assets")

    org.refused(issue("x" * 1001), "text")
    org.refused(issue("Gro\x00wth"), "text")
    org.refused(issue(side="both"), "side")
    org.refused(issue(category="weather"), "category")
    raised = org.app.handle(issue("x" * 1000)).aggregate_id
    change = ChangeContextIssue(org.tenant, org.member, org.organisation, raised, "New", "external", "market", "E", "")
    org.refused(change, "reason")
    org.app.handle(RetireContextIssue(org.tenant, org.member, org.organisation, raised, "Solved"))
    org.refused(RetireContextIssue(org.tenant, org.member, org.organisation, raised, "Again"), "item_id")


def test_another_organisations_item_is_not_found_like_a_missing_one(org: Org) -> None:
    raised = RaiseContextIssue(org.tenant, org.member, org.organisation, "Growth", "internal", "strategy", "More")
    issue = org.app.handle(raised).aggregate_id
    theirs = org.refused(RetireContextIssue(org.tenant, org.outsider, org.other, issue, "Mine"), "item_id", NotFound)
    missing = org.refused(RetireContextIssue(org.tenant, org.outsider, org.other, uuid4(), "Mine"), "item_id", NotFound)
    assert theirs.message == missing.message


def test_a_party_answers_its_kinds_questions_and_lists_requirements(org: Org) -> None:
    org.refused(IdentifyInterestedParty(org.tenant, org.member, org.organisation, "Alpha", "weather"), "kind")
    party = org.app.handle(
        IdentifyInterestedParty(org.tenant, org.member, org.organisation, "Alpha", "cloud_provider")
    ).aggregate_id

    def answer(key: str, text: str, reason: str | None = None) -> AnswerPartyQuestion:
        return AnswerPartyQuestion(org.tenant, org.member, org.organisation, party, key, text, reason)

    org.refused(answer("favourite_colour", "Blue"), "question_key")
    org.app.handle(answer("motivation", "Profit"))
    org.refused(answer("motivation", "More profit"), "reason")
    org.app.handle(answer("motivation", "More profit", "Asked them"))
    org.app.handle(ListPartyRequirement(org.tenant, org.member, org.organisation, party, "Pen test yearly"))
    withdraw = WithdrawPartyRequirement(org.tenant, org.member, org.organisation, party, 2, "Gone")
    org.refused(withdraw, "requirement_number", NotFound)
    org.app.handle(WithdrawPartyRequirement(org.tenant, org.member, org.organisation, party, 1, "Contract ended"))
    org.app.handle(RetireInterestedParty(org.tenant, org.member, org.organisation, party, "Provider changed"))
    org.refused(answer("requirements", "None"), "item_id")


def test_every_kind_has_the_patterns_three_questions_and_an_environment() -> None:
    kinds = {kind.key: kind for kind in stakeholder_kinds()}
    assert {"cloud_provider", "cloud_customer", "developer", "end_customer", "legislator", "domain"} <= set(kinds)
    assert {kinds["legislator"].environment, kinds["domain"].environment} == {"indirect"}
    assert kinds["cloud_provider"].environment == "direct"
    for kind in kinds.values():
        assert [q.key for q in kind.questions] == ["motivation", "requirements", "interaction"]


def test_one_person_may_hold_several_roles_and_only_an_auditor_of_their_own_work_is_flagged(org: Org) -> None:
    org.app.handle(org.role("ciso"))
    org.app.handle(org.role("isms_manager"))
    assert role_conflicts(["ciso", "isms_manager", "top_management"]) == []
    assert role_conflicts(["ciso", "internal_auditor"]) == [
        "An internal auditor who is also ciso would audit their own work."
    ]
    assert role_conflicts(["internal_auditor", "data_protection_officer"]) == []


def test_a_role_is_held_by_a_member_account_of_the_organisation_only(org: Org) -> None:
    org.refused(org.role("ciso", account_id=org.outsider), "account_id", NotFound)
    org.refused(org.role("ciso", account_id=uuid4()), "account_id", NotFound)
    org.refused(org.role("ciso", person=" "), "person_name")
    org.refused(org.role("chief"), "kind")
    role = org.app.handle(org.role("ciso", account_id=org.member)).aggregate_id

    def change(person: str, reason: str) -> ChangeIsmsRole:
        return ChangeIsmsRole(org.tenant, org.member, org.organisation, role, "ciso", "CISO", "Duties", person, reason)

    org.refused(change("Ben", ""), "reason")
    org.app.handle(change("Ben", "Ana left"))
    org.refused(change("Ben", "Again"), "person_name")


def test_the_commitment_names_a_cluster_the_organisation_was_admitted_to(org: Org) -> None:
    coach = org.app.handle(
        OpenAccount(org.tenant, SYSTEM_ACTOR, "c@alpine.example", "Claire", "$argon2id$x", (Role.COACH,))
    ).aggregate_id
    with business_day(TODAY):
        cluster = org.app.handle(FormCluster(org.tenant, SYSTEM_ACTOR, "North", coach)).aggregate_id
    criteria = AdmissionCriteria("9 employees", "Letter of 2026-12-01", "Budget")
    org.app.handle(AdmitOrganisation(org.tenant, SYSTEM_ACTOR, cluster, org.other, criteria))

    def record(cluster_id: UUID | None, on: date = date(2026, 12, 1), reason: str | None = None) -> object:
        return RecordManagementCommitment(
            org.tenant, org.member, org.organisation, "Board minutes", on, cluster_id, reason
        )

    org.refused(record(cluster), "cluster_id")
    org.refused(record(None, date(2027, 1, 5)), "committed_on")
    org.app.handle(record(None))
    org.refused(record(None), "reason")
    org.app.handle(AdmitOrganisation(org.tenant, SYSTEM_ACTOR, cluster, org.organisation, criteria))
    org.app.handle(record(cluster, reason="Admitted to North"))
