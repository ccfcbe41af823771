"""The audit rules through the application: areas are clauses and controls of the catalogue with an owner of the
organisation; the auditor owns none of the areas audited; findings are the auditor's; a major or minor one raises
one nonconformity, linked."""

from __future__ import annotations

import uuid
from datetime import date
from uuid import UUID

import pytest

from domain.audits.audit import Audit
from domain.audits.commands import (
    CompleteAudit,
    PlanAudit,
    PlanAuditProgramme,
    RaiseNonconformityFromFinding,
    RecordAuditFinding,
)
from domain.audits.rules import is_independent, owned_areas
from domain.clusters.commands import AdmitOrganisation, FormCluster
from domain.nonconformities.nonconformity import Nonconformity
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.calendar import business_day
from domain.shared.errors import Conflict, NotFound, ValidationFailed
from domain.tenancy.account import Role
from domain.tenancy.commands import DeactivateAccount, OpenAccount
from tests.unit.programme_scenario import EVIDENCE, Scenario

TODAY = date(2026, 6, 1)


def member_account(s: Scenario, organisation: int = 0, name: str = "owner") -> UUID:
    email = f"{name}{organisation}@example.org"
    account = OpenAccount(s.tenant, SYSTEM_ACTOR, email, name, "$argon2id$x", (Role.MEMBER,), s.members[organisation])
    return s.app.handle(account).aggregate_id


def programme(s: Scenario, owner: UUID) -> UUID:
    areas = (("9.2", owner), ("A.5.15", owner), ("7.5", s.coach))
    return s.app.handle(PlanAuditProgramme(s.tenant, owner, s.members[0], 2026, areas, "Cover the ISMS")).aggregate_id


def test_independence_is_owning_none_of_the_areas_audited() -> None:
    owner, other = UUID(int=1), UUID(int=2)
    owners = {"9.2": owner, "A.5.15": other}
    assert owned_areas(owner, owners, ["9.2", "A.5.15"]) == ["9.2"]
    assert not is_independent(owner, owners, ["9.2"])
    assert is_independent(owner, owners, ["A.5.15"])


def test_the_programme_names_clauses_and_controls_of_the_catalogue_once_a_year() -> None:
    s = Scenario()
    owner = member_account(s)
    mine = (s.tenant, owner, s.members[0], 2026)
    before = s.position()
    for areas, field in (
        ((("5.1", owner), ("A.99.1", owner)), "areas.reference"),  # no such control
        ((("12.1", owner),), "areas.reference"),  # no such clause
        ((("9.2", owner), ("9.2", owner)), "areas.reference"),
        ((), "areas"),
    ):
        with pytest.raises(ValidationFailed) as refused:
            s.app.handle(PlanAuditProgramme(*mine, areas))
        assert refused.value.field == field
    with pytest.raises(NotFound) as foreign:
        s.app.handle(PlanAuditProgramme(*mine, (("9.2", member_account(s, 1)),)))
    assert foreign.value.field == "areas.owner_id"
    assert s.position() == before + 1  # the other organisation's account only
    programme(s, owner)
    with pytest.raises(Conflict):
        programme(s, owner)


def test_the_auditor_must_own_none_of_the_areas_audited() -> None:
    s = Scenario()
    owner = member_account(s)
    found = programme(s, owner)
    plan = (s.tenant, owner, s.members[0], found, "Access control", ("9.2", "A.5.15"), "ISO/IEC 27001:2022")
    before = s.position()
    with business_day(TODAY), pytest.raises(ValidationFailed) as not_independent:
        s.app.handle(PlanAudit(*plan, date(2026, 9, 1), owner))
    assert not_independent.value.field == "auditor_id"
    assert "9.2, A.5.15" in not_independent.value.message
    with business_day(TODAY), pytest.raises(ValidationFailed) as other_year:
        s.app.handle(PlanAudit(*plan, date(2027, 1, 5), s.coach))
    assert other_year.value.field == "planned_on"
    assert s.position() == before
    with business_day(TODAY):
        audit = s.app.handle(PlanAudit(*plan, date(2026, 9, 1), s.coach)).aggregate_id
    assert s.app.get(Audit, s.tenant, audit).auditor_id == s.coach
    # the coach owns 7.5: auditing it is refused
    with business_day(TODAY), pytest.raises(ValidationFailed):
        s.app.handle(PlanAudit(*plan[:5], ("7.5",), plan[6], date(2026, 9, 1), s.coach))


def test_findings_are_the_auditors_and_a_nonconformity_found_raises_one_once() -> None:
    s = Scenario()
    owner = member_account(s)
    found = programme(s, owner)
    with business_day(TODAY):
        audit = s.app.handle(
            PlanAudit(s.tenant, owner, s.members[0], found, "Access", ("A.5.15",), "The policy", TODAY, s.coach)
        ).aggregate_id
    finding = (s.members[0], audit, "minor_nonconformity", "A.5.15", "Leavers keep access", "Two accounts open")
    with pytest.raises(ValidationFailed) as not_auditor:
        s.app.handle(RecordAuditFinding(s.tenant, owner, *finding))
    assert not_auditor.value.field == "audit_id"
    with pytest.raises(ValidationFailed) as bad_kind:
        s.app.handle(RecordAuditFinding(s.tenant, s.coach, s.members[0], audit, "praise", *finding[3:]))
    assert bad_kind.value.field == "kind"
    s.app.handle(RecordAuditFinding(s.tenant, s.coach, *finding))
    s.app.handle(RecordAuditFinding(s.tenant, s.coach, s.members[0], audit, "observation", "9.2", "Fine", "Seen"))
    findings = s.app.get(Audit, s.tenant, audit).findings
    minor = next(key for key, value in findings.items() if value.kind == "minor_nonconformity")
    observation = next(key for key in findings if key != minor)
    raise_ = (s.tenant, owner, s.members[0], audit)
    raised = s.app.handle(RaiseNonconformityFromFinding(*raise_, minor, "Leavers keep access")).aggregate_id
    nonconformity = s.app.get(Nonconformity, s.tenant, raised)
    assert nonconformity.organisation_id == s.members[0]
    assert s.app.get(Audit, s.tenant, audit).findings[minor].nonconformity_id == raised
    for again in (minor, observation):
        with pytest.raises(ValidationFailed) as refused:
            s.app.handle(RaiseNonconformityFromFinding(*raise_, again, "Again"))
        assert refused.value.field == "finding_id"
    with business_day(TODAY):
        s.app.handle(CompleteAudit(s.tenant, s.coach, s.members[0], audit, TODAY, "Access needs work"))
    with pytest.raises(ValidationFailed) as completed:
        s.app.handle(RecordAuditFinding(s.tenant, s.coach, *finding))
    assert completed.value.field == "audit_id"


def test_another_organisations_audit_is_not_found() -> None:
    s = Scenario()
    owner = member_account(s)
    found = programme(s, owner)
    with pytest.raises(NotFound) as foreign:
        s.app.handle(PlanAudit(s.tenant, owner, s.members[1], found, "A", ("9.2",), "C", TODAY, s.coach))
    assert foreign.value.field == "programme_id"


def test_a_person_of_the_organisation_is_its_own_member_its_clusters_coach_or_an_admin() -> None:
    """A coach of another cluster of the same consultancy is not one of its people: refused as a missing account,
    naming the field, before anything is written."""
    s = Scenario()
    owner = member_account(s)
    colleague = member_account(s, name="colleague")
    other_coach = open_account(s, "other@alpine.example", (Role.COACH,))
    admin = open_account(s, "admin@alpine.example", (Role.CONSULTANCY_ADMIN,))
    other = s.app.handle(FormCluster(s.tenant, SYSTEM_ACTOR, "Other", other_coach)).aggregate_id
    s.clusters.append(other)
    s.app.handle(AdmitOrganisation(s.tenant, SYSTEM_ACTOR, other, s.members[3], EVIDENCE))
    found = programme(s, owner)
    plan = (s.tenant, owner, s.members[0], found, "Access", ("A.5.15",), "The policy", date(2026, 9, 1))
    before = s.position()
    for outsider in (other_coach, member_account(s, 1), uuid.uuid4()):
        position = s.position()
        with business_day(TODAY), pytest.raises(NotFound) as refused:
            s.app.handle(PlanAudit(*plan, outsider))
        assert refused.value.field == "auditor_id"
        with pytest.raises(NotFound) as owner_refused:
            s.app.handle(PlanAuditProgramme(s.tenant, owner, s.members[0], 2027, (("9.2", outsider),)))
        assert owner_refused.value.field == "areas.owner_id"
        assert s.position() == position
    assert s.position() == before + 1  # the other organisation's account only
    with business_day(TODAY):
        for auditor in (colleague, s.coach, admin):
            audit = s.app.handle(PlanAudit(*plan, auditor)).aggregate_id
            assert s.app.get(Audit, s.tenant, audit).auditor_id == auditor
    # the other cluster's coach is a person of its own member
    s.app.handle(PlanAuditProgramme(s.tenant, SYSTEM_ACTOR, s.members[3], 2026, (("9.2", other_coach),)))
    s.app.handle(DeactivateAccount(s.tenant, SYSTEM_ACTOR, colleague, "Left"))
    with business_day(TODAY), pytest.raises(NotFound):
        s.app.handle(PlanAudit(*plan, colleague))


def open_account(s: Scenario, email: str, roles: tuple[Role, ...]) -> UUID:
    return s.app.handle(OpenAccount(s.tenant, SYSTEM_ACTOR, email, "Someone", "$argon2id$x", roles)).aggregate_id
