"""A member's registers through GraphQL: coaching and its ceiling, gap analyses, outcomes, effort, templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from backend.services import Services
from domain.assessment.gap_analysis import CLAUSES, THEMES
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.programme_support import cluster_view, demo_cluster, mutate
from tests.support.graphql_client import GraphQLClient

ClientFor = Callable[[str], GraphQLClient]
MEMBER_FIELDS = """members { organisation { name } active coachingHalfDaysUsed coachingHalfDaysCeiling coachingHalfDaysRemaining
  coachingHalfDaysEstimated ceilingOverrides { additionalHalfDays reason decidedBy } outcome { status auditOn certifiedOn }
  gapAnalyses { number estimatedCoachingHalfDays levels { area level changeSinceFirst } } }"""


def member(view: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = next(m for m in view["members"] if m["organisation"]["name"] == name)
    return found


def coaching(cluster_id: str, organisation_id: str, coach_id: str | None = None) -> dict[str, Any]:
    given = {
        "clusterId": cluster_id,
        "organisationId": organisation_id,
        "heldOn": "2026-03-02",
        "workDone": "Risk review",
    }
    return given | ({"coachId": coach_id} if coach_id else {})


def test_the_ceiling_comes_from_the_template_and_is_raised_only_by_an_admin_with_a_reason(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach, admin = client_for(ALPINE_COACH), client_for(ALPINE_ADMIN)
    cluster = demo_cluster(coach)
    moselle = cluster["member_ids"]["Moselle Logistics"]
    for _ in range(2):
        assert (
            mutate(coach, "logCoachingHalfDay", "LogCoachingHalfDayInput", coaching(cluster["id"], moselle))[
                "__typename"
            ]
            == "ClusterChange"
        )
    before = events_in_log(demo_services)
    refused = mutate(coach, "logCoachingHalfDay", "LogCoachingHalfDayInput", coaching(cluster["id"], moselle))
    assert (refused["code"], refused["field"]) == ("VALIDATION", "organisationId")
    assert "ceiling of 28 half-days" in refused["message"]
    by_coach = mutate(
        coach,
        "raiseCoachingCeiling",
        "RaiseCoachingCeilingInput",
        {"clusterId": cluster["id"], "organisationId": moselle, "additionalHalfDays": 4, "reason": "More sites"},
    )
    assert by_coach["code"] == "FORBIDDEN"
    no_reason = mutate(
        admin,
        "raiseCoachingCeiling",
        "RaiseCoachingCeilingInput",
        {"clusterId": cluster["id"], "organisationId": moselle, "additionalHalfDays": 4, "reason": " "},
    )
    assert (no_reason["code"], no_reason["field"]) == ("VALIDATION", "reason")
    assert events_in_log(demo_services) == before
    raised = mutate(
        admin,
        "raiseCoachingCeiling",
        "RaiseCoachingCeilingInput",
        {
            "clusterId": cluster["id"],
            "organisationId": moselle,
            "additionalHalfDays": 4,
            "reason": "Second warehouse in scope",
        },
        MEMBER_FIELDS,
    )
    view = member(raised["cluster"], "Moselle Logistics")
    assert (view["coachingHalfDaysUsed"], view["coachingHalfDaysCeiling"], view["coachingHalfDaysRemaining"]) == (
        28,
        32,
        4,
    )
    assert view["ceilingOverrides"] == [
        {"additionalHalfDays": 4, "reason": "Second warehouse in scope", "decidedBy": "Anna Admin"}
    ]
    coach_id = coach.data("{ viewer { id } }")["viewer"]["id"]
    logged = mutate(coach, "logCoachingHalfDay", "LogCoachingHalfDayInput", coaching(cluster["id"], moselle, coach_id))
    assert logged["__typename"] == "ClusterChange"


def test_gap_analyses_estimate_coaching_and_show_progress_against_the_first(
    client_for: ClientFor, demo_services: Services
) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    dental = cluster["member_ids"]["Kirchberg Dental"]
    first = member(cluster_view(coach, cluster["id"], MEMBER_FIELDS), "Kirchberg Dental")
    assert first["coachingHalfDaysEstimated"] == first["gapAnalyses"][0]["estimatedCoachingHalfDays"]
    assert first["gapAnalyses"][0]["levels"][0]["changeSinceFirst"] is None
    levels = {
        "clauseLevels": [{"area": c, "level": 3} for c in CLAUSES],
        "themeLevels": [{"area": t, "level": 3} for t in THEMES],
    }
    reassessed = mutate(
        coach,
        "assessGap",
        "AssessGapInput",
        {
            "clusterId": cluster["id"],
            "organisationId": dental,
            "visitedOn": "2026-03-02",
            "analysedOn": "2026-03-03",
            **levels,
        },
        MEMBER_FIELDS,
    )
    after = member(reassessed["cluster"], "Kirchberg Dental")
    assert [a["number"] for a in after["gapAnalyses"]] == [1, 2]
    assert after["coachingHalfDaysEstimated"] == 4
    latest = {level["area"]: level for level in after["gapAnalyses"][1]["levels"]}
    initial = {level["area"]: level["level"] for level in after["gapAnalyses"][0]["levels"]}
    assert latest["clause 6"]["changeSinceFirst"] == 3 - initial["clause 6"]
    before = events_in_log(demo_services)
    too_high = mutate(
        coach,
        "assessGap",
        "AssessGapInput",
        {
            "clusterId": cluster["id"],
            "organisationId": dental,
            "visitedOn": "2026-03-04",
            "analysedOn": "2026-03-04",
            "clauseLevels": [{"area": c, "level": 6 if c == "4" else 2} for c in CLAUSES],
            "themeLevels": levels["themeLevels"],
        },
    )
    assert (too_high["code"], too_high["field"]) == ("VALIDATION", "clauseLevels.4")
    missing = mutate(
        coach,
        "assessGap",
        "AssessGapInput",
        {
            "clusterId": cluster["id"],
            "organisationId": dental,
            "visitedOn": "2026-03-04",
            "analysedOn": "2026-03-04",
            "clauseLevels": levels["clauseLevels"],
            "themeLevels": levels["themeLevels"][:3],
        },
    )
    assert (missing["code"], missing["field"]) == ("VALIDATION", "themeLevels.technological")
    inverted = mutate(
        coach,
        "assessGap",
        "AssessGapInput",
        {
            "clusterId": cluster["id"],
            "organisationId": dental,
            "visitedOn": "2026-03-05",
            "analysedOn": "2026-03-04",
            **levels,
        },
    )
    assert (inverted["code"], inverted["field"]) == ("VALIDATION", "analysedOn")
    assert events_in_log(demo_services) == before


def test_outcomes_are_recorded_in_order(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    bakery = {"clusterId": cluster["id"], "organisationId": cluster["member_ids"]["Boulangerie Muller"]}
    early = mutate(
        coach,
        "recordCertified",
        "RecordCertifiedInput",
        bakery | {"certifiedOn": "2026-06-01", "certificateReference": "X"},
    )
    assert (early["code"], early["field"]) == ("VALIDATION", "organisationId")
    mutate(coach, "recordIsmsEstablished", "RecordIsmsEstablishedInput", bakery | {"establishedOn": "2026-03-02"})
    mutate(
        coach,
        "planCertificationAudit",
        "PlanCertificationAuditInput",
        bakery | {"auditOn": "2026-05-11", "certificationBody": "Certification Body SA"},
    )
    certified = mutate(
        coach,
        "recordCertified",
        "RecordCertifiedInput",
        bakery | {"certifiedOn": "2026-06-01", "certificateReference": "ISMS-2026-17"},
        MEMBER_FIELDS,
    )
    assert member(certified["cluster"], "Boulangerie Muller")["outcome"] == {
        "status": "certified",
        "auditOn": "2026-05-11",
        "certifiedOn": "2026-06-01",
    }


def test_a_withdrawn_member_keeps_its_history_and_gets_no_more_coaching(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster = demo_cluster(coach)
    dental = cluster["member_ids"]["Kirchberg Dental"]
    withdrawn = mutate(
        coach,
        "withdrawMember",
        "WithdrawMemberInput",
        {
            "clusterId": cluster["id"],
            "organisationId": dental,
            "withdrawnOn": "2026-03-02",
            "reason": "Sold to a group with its own ISMS",
        },
        MEMBER_FIELDS,
    )
    view = member(withdrawn["cluster"], "Kirchberg Dental")
    assert view["outcome"]["status"] == "withdrawn" and view["active"] is False
    assert member(withdrawn["cluster"], "Boulangerie Muller")["active"] is True
    plan = coach.http.get(f"/clusters/{cluster['id']}/plan").text
    declare = plan[plan.index('id="declare-heading"') :]
    assert "Boulangerie Muller" in declare and "Kirchberg Dental" not in declare.split("</select>")[0]
    assert view["coachingHalfDaysUsed"] == 4 and len(view["gapAnalyses"]) == 1
    refused = mutate(coach, "logCoachingHalfDay", "LogCoachingHalfDayInput", coaching(cluster["id"], dental))
    assert (refused["code"], refused["field"]) == ("VALIDATION", "organisationId")
    assert "withdrawn" in refused["message"]


def test_the_effort_report_compares_with_the_single_organisation_baseline(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    cluster = demo_cluster(admin)
    effort = cluster_view(
        admin,
        cluster["id"],
        """effort { trainingDaysHeld consultancyDays daysPerOrganisation
        singleOrganisationBaselineDays shareOfBaseline members { organisationName gapAnalysisDays trainingDaysAttended coachingDays totalDays } }""",
    )["effort"]
    rows = {row["organisationName"]: row for row in effort["members"]}
    assert rows["Moselle Logistics"]["coachingDays"] == 13.0
    assert rows["Kirchberg Dental"]["gapAnalysisDays"] == 1.0
    assert effort["trainingDaysHeld"] == 1.5 + 5 * 0.5
    assert effort["singleOrganisationBaselineDays"] == 45.0
    expected = effort["trainingDaysHeld"] + sum(r["gapAnalysisDays"] + r["coachingDays"] for r in rows.values())
    assert effort["consultancyDays"] == expected
    assert effort["shareOfBaseline"] == round(effort["daysPerOrganisation"] / 45, 3)


def test_a_member_sees_its_own_registers_only(client_for: ClientFor) -> None:
    member_client = client_for("member@muller.example")
    cluster = demo_cluster(member_client)
    assert list(cluster["member_ids"]) == ["Boulangerie Muller"]
    view = cluster_view(
        member_client, cluster["id"], "unavailability { organisationName reason } sessions { key organisationName }"
    )
    assert {u["organisationName"] for u in view["unavailability"]} == {"Boulangerie Muller"}
    assert {s["organisationName"] for s in view["sessions"]} <= {None, "Boulangerie Muller"}
    assert [o["name"] for o in member_client.data("{ organisations { name } }")["organisations"]] == [
        "Boulangerie Muller"
    ]
    registers = cluster_view(
        member_client,
        cluster["id"],
        MEMBER_FIELDS
        + """ effort { members { organisationName } }
        attendance(sessionKey: "module:1") { organisationName } ledger: members { coachingHalfDays { workDone } }""",
    )
    assert [m["organisation"]["name"] for m in registers["members"]] == ["Boulangerie Muller"]
    assert [m["organisationName"] for m in registers["effort"]["members"]] == ["Boulangerie Muller"]
    assert [a["organisationName"] for a in registers["attendance"]] == ["Boulangerie Muller"]
    assert len(registers["ledger"]) == 1
    assert [c["displayName"] for c in member_client.data("{ coaches { displayName } }")["coaches"]] == ["Claire Coach"]


def test_a_coach_logs_coaching_in_their_own_name(client_for: ClientFor, demo_services: Services) -> None:
    coach, admin = client_for(ALPINE_COACH), client_for(ALPINE_ADMIN)
    cluster = demo_cluster(coach)
    someone_else = admin.data("{ viewer { id } }")["viewer"]["id"]
    before = events_in_log(demo_services)
    refused = mutate(
        coach,
        "logCoachingHalfDay",
        "LogCoachingHalfDayInput",
        coaching(cluster["id"], cluster["member_ids"]["Kirchberg Dental"], someone_else),
    )
    assert refused["code"] == "FORBIDDEN"
    assert events_in_log(demo_services) == before


TEMPLATE = "{ viewer { consultancy { programmeTemplate { version modules trainingDays coachingCeilingHalfDays cycleWeeksMin cycleWeeksMax clusterSizeMin clusterSizeMax gapAnalysisOnSiteHalfDays gapAnalysisResultHalfDays initialTrainingHalfDays timeZone } } } }"
CHANGE_TEMPLATE = "mutation($input: ProgrammeTemplateInput!) { r: changeProgrammeTemplate(input: $input) { __typename ... on UserError { code field } ... on Consultancy { programmeTemplate { version coachingCeilingHalfDays } } } }"


def test_the_default_template_is_the_papers_and_changes_make_versions_that_planned_clusters_ignore(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    template = admin.data(TEMPLATE)["viewer"]["consultancy"]["programmeTemplate"]
    assert len(template["modules"]) == 10
    assert template["modules"][0] == "Scope, ISMS policy and assets" and template["modules"][-1] == "Audit"
    assert (template["trainingDays"], template["coachingCeilingHalfDays"]) == (6.5, 28)
    assert (
        template["cycleWeeksMin"],
        template["cycleWeeksMax"],
        template["clusterSizeMin"],
        template["clusterSizeMax"],
    ) == (3, 4, 3, 5)
    changed = {key: value for key, value in template.items() if key not in ("version", "trainingDays")}
    before = events_in_log(demo_services)
    empty = admin.data(CHANGE_TEMPLATE, {"input": changed | {"modules": []}})["r"]
    assert (empty["code"], empty["field"]) == ("VALIDATION", "modules")
    inverted = admin.data(CHANGE_TEMPLATE, {"input": changed | {"cycleWeeksMin": 5, "cycleWeeksMax": 4}})["r"]
    assert (inverted["code"], inverted["field"]) == ("VALIDATION", "cycleWeeksMax")
    assert events_in_log(demo_services) == before
    coach_try = client_for(ALPINE_COACH).data(CHANGE_TEMPLATE, {"input": changed})["r"]
    assert coach_try["code"] == "FORBIDDEN"
    version_2 = admin.data(CHANGE_TEMPLATE, {"input": changed | {"coachingCeilingHalfDays": 20}})["r"]
    assert version_2["programmeTemplate"] == {"version": 2, "coachingCeilingHalfDays": 20}
    cluster = demo_cluster(admin)
    kept = cluster_view(admin, cluster["id"], "templateVersion members { coachingHalfDaysCeiling }")
    assert kept["templateVersion"] == 1
    assert {m["coachingHalfDaysCeiling"] for m in kept["members"]} == {28}
