"""Demo data: two consultancies, each with a cluster of three organisations. Idempotent and resumable.

Alpine's cluster is in mid-programme: gap analyses done, the initial training and the first modules held with
attendance and feedback, coaching logged (one member close to its ceiling), and an unavailability declared after
planning that now clashes with a planned module. Harbour's cluster has just started.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID, uuid5

from eventsourcing.utils import get_topic

from backend.auth.passwords import hash_password
from backend.demo_labels import TOM, seed_label_tracks
from backend.graphql.labels.gathered import gathered_facts
from backend.services import Services
from domain.application import Cordee, Saved
from domain.assessment.commands import AssessGap
from domain.assessment.gap_analysis import CLAUSES, THEMES, GapAnalysis, gap_analysis_id
from domain.assets.asset import Asset
from domain.assets.commands import AddAssetDependency, ClassifyAsset, CopyAssetTemplate, RegisterAsset
from domain.audits.audit import Audit
from domain.audits.commands import (
    CompleteAudit,
    PlanAudit,
    PlanAuditProgramme,
    RaiseNonconformityFromFinding,
    RecordAuditFinding,
)
from domain.audits.programme import AuditProgramme, programme_id
from domain.catalogues.commands import ImportCatalogue, WriteControlText
from domain.catalogues.imported import ControlText, ImportedCatalogue, control_text_id, imported_catalogue_id
from domain.changes.change import Change
from domain.changes.commands import (
    ApproveChange,
    ConsentToChange,
    DefineStandardChange,
    FileChange,
    NameChangeAdvisoryBoard,
    RecordChangeExecution,
    ScheduleChange,
)
from domain.changes.log_book import ChangeLogBook, log_book_id
from domain.clusters.admission import AdmissionCriteria
from domain.clusters.cluster import Cluster, cluster_id
from domain.clusters.commands import (
    AcceptPlan,
    AdmitOrganisation,
    DeclareUnavailability,
    FormCluster,
    HoldSession,
    StartCluster,
)
from domain.clusters.rules import ClusterStatus, SessionStatus
from domain.comparison.commands import GiveComparisonConsent
from domain.comparison.consent import ComparisonConsent, consent_id
from domain.competence.campaign import AwarenessCampaign
from domain.competence.commands import RecordTraining, RunAwarenessCampaign
from domain.competence.training import Training
from domain.context.commands import (
    AnswerPartyQuestion,
    DefineIsmsRole,
    IdentifyInterestedParty,
    ListPartyRequirement,
    RaiseContextIssue,
    RecordManagementCommitment,
    StateIsmsScope,
)
from domain.context.commitment import ManagementCommitment, commitment_id
from domain.context.isms_scope import Exclusion, IsmsScope, scope_id
from domain.context.issue import ContextIssue
from domain.context.party import InterestedParty
from domain.context.role import IsmsRole
from domain.documents.commands import CopyDocumentSkeleton, CreateDocument, SubmitVersion
from domain.documents.document import Document
from domain.engagement.commands import LogCoachingHalfDay
from domain.evidence.bundles import AuditBundles, audit_bundles_id
from domain.evidence.commands import ExportAuditBundle
from domain.feedback.commands import ShareFeedback
from domain.feedback.feedback_item import FeedbackItem
from domain.incidents.commands import (
    AcknowledgeIncident,
    AgreeServiceLevels,
    CloseIncident,
    EscalateIncident,
    IssueMonitoringToken,
    LinkIncident,
    ReportIncident,
    RestoreIncident,
)
from domain.incidents.incident import Incident
from domain.incidents.monitoring_tokens import MonitoringToken
from domain.incidents.rules import LEVELS
from domain.incidents.service_levels import ServiceLevels, service_levels_id
from domain.itil.commands import DeclareItilPractice
from domain.itil.declarations import ItilDeclarations, itil_declarations_id
from domain.labels.body import PROFESSIONALS, LabellingBody, labelling_body_id
from domain.labels.commands import AttestMission
from domain.labels.link_commands import AnswerProfessionalLink, CreateLabellingBody, RequestProfessionalLink
from domain.labels.links import ProfessionalConsent, ProfessionalLink, link_id
from domain.labels.links import consent_id as professional_consent_id
from domain.labels.missions import MissionAttestation, attestation_id
from domain.library.commands import AddLibraryItem, ReviseLibraryItem
from domain.library.content import ItemFields
from domain.library.item import LibraryItem
from domain.metrics.commands import DefineMetric, RecordMeasurement
from domain.metrics.metric import Metric
from domain.nonconformities.commands import AnalyseNonconformity, PlanCorrectiveAction
from domain.nonconformities.nonconformity import Nonconformity
from domain.organisations.commands import ChangeOrganisationDetails, RegisterOrganisation
from domain.organisations.organisation import Organisation, organisation_id
from domain.reviews.commands import (
    GatherReviewInputs,
    HoldReview,
    NoteImprovementOpportunity,
    PlanReview,
    RecordReviewDecision,
)
from domain.reviews.review import ManagementReview, PlannedAction
from domain.risks.commands import (
    AcceptRisk,
    AssessRisk,
    ChangeTreatmentActionStatus,
    HoldRiskReview,
    IdentifyRisk,
    PlanTreatmentAction,
    RecordManagementDecision,
    SetSecurityObjective,
    TreatRisk,
)
from domain.risks.plan import RiskReview, SecurityObjective, TreatmentAction
from domain.risks.risk import Risk
from domain.shared.aggregate import CORDEE_NAMESPACE, SYSTEM_ACTOR, TenantAggregate, tenant_scoped_id
from domain.shared.calendar import business_day
from domain.shared.errors import NotFound
from domain.soa.commands import ApproveStatement, DecideControl, StartStatement, SubmitStatement
from domain.soa.rules import ImplementationStatus, InclusionReason
from domain.soa.statement import StatementOfApplicability, statement_id
from domain.tenancy.account import Account, Role, account_id
from domain.tenancy.commands import (
    AcceptInvitation,
    CreateConsultancy,
    InviteAccount,
    OpenAccount,
    RegisterIntegrationClient,
    SetSingleOrganisationBaseline,
)
from domain.tenancy.consultancy import Consultancy, consultancy_id
from domain.tenancy.integration_client import IntegrationClient
from projections.core.scope import Scope

C = TypeVar("C")

DEMO_PASSWORD = "cordee-demo-2026"  # noqa: S105 - published demo credentials, embedded mode only


@dataclass(frozen=True)
class DemoTenant:
    name: str
    slug: str
    admin: tuple[str, str]
    coach: tuple[str, str]
    member: tuple[str, str]
    colleague: tuple[str, str]
    """A second member account of the first organisation: it approves the changes the first one owns, and owns the
    risk the first one records management's decision on."""
    cluster: str
    organisations: tuple[tuple[str, str, int], ...]
    weeks_running: int
    country: str
    """Where the members work: the planner keeps sessions off its public holidays."""
    located_late: bool = False
    """The members recorded their country only once the plan was made, so the plan shows the holidays it falls on."""
    contributor: tuple[str, str] | None = None
    """Someone of the first organisation who edits its registers but approves nothing."""
    viewer: tuple[str, str] | None = None
    """Someone of the first organisation who reads its registers."""
    auditor: tuple[str, str] | None = None
    """The first organisation's certification auditor, reading its registers for the month from the demo's day."""
    other_managers: tuple[tuple[str, str], ...] = ()
    """The ISMS managers of the second, third, ... organisation, each signing in to its own comparison page."""
    consenting: int = 0
    """How many of the organisations, the first ones, consent to the members' comparison."""


AUDITOR_DEMO_DAYS = 30
"""The demo auditor's window: from the demo's day, this many days."""


DEMO_TENANTS = (
    DemoTenant(
        name="Alpine Security Coaching",
        slug="alpine",
        admin=("admin@alpine.example", "Anna Admin"),
        coach=("coach@alpine.example", "Claire Coach"),
        member=("member@muller.example", "Marc Muller"),
        colleague=("jonas@muller.example", "Jonas Muller"),
        cluster="Luxembourg SMEs 2026",
        organisations=(
            ("Boulangerie Muller", "Food retail", 18),
            ("Kirchberg Dental", "Healthcare", 9),
            ("Moselle Logistics", "Transport", 42),
        ),
        weeks_running=16,
        country="LU",
        located_late=True,
        contributor=("lea@muller.example", "Lea Muller"),
        viewer=("paul@muller.example", "Paul Muller"),
        auditor=("auditor@certify.example", "Ines Auditor"),
        other_managers=(("lena@kirchberg.example", "Dr Lena Weber"), ("ana@moselle.example", "Ana Costa")),
        consenting=3,
    ),
    DemoTenant(
        name="Harbour Risk Partners",
        slug="harbour",
        admin=("admin@harbour.example", "Hugo Admin"),
        coach=("coach@harbour.example", "Hana Coach"),
        member=("member@quayside.example", "Quinn Quayside"),
        colleague=("ria@quayside.example", "Ria Quayside"),
        cluster="Harbour Tech Cluster",
        organisations=(
            ("Quayside Software", "Software", 25),
            ("Lighthouse Accounting", "Accounting", 12),
            ("Anchor Print Works", "Printing", 30),
        ),
        weeks_running=3,
        country="IE",
        consenting=2,
    ),
)

ATTENDEES = {0: ["Marc Muller", "Sophie Muller"], 1: ["Dr Lena Weber"], 2: ["Paul Schmit", "Ana Costa"]}
"""Who comes from each member: the second member sends one person only, which the dashboard warns about."""


def seed_demo(services: Services, today: date) -> list[str]:
    """Seeds what is missing and answers the names of the consultancies it added anything to.

    Every step first looks for its fact in the event store and writes only what is missing, so a seed interrupted at
    any point (a crash, a kill, a full disk) ends, when run again with the same `today`, as one never interrupted.
    A consultancy that has a demo's short name but another name is someone else's: it is left alone.
    """
    with business_day(today):
        seeded = [tenant.name for tenant in DEMO_TENANTS if DemoSeeder(services.app, tenant, today).seed()]
        services.runner.catch_up()  # an auditor or a metric's owner is checked against the clusters' read model
        for tenant in DEMO_TENANTS:
            if DemoSeeder(services.app, tenant, today).people_checked() and tenant.name not in seeded:
                seeded.append(tenant.name)
        if seed_professionals(services.app) and PROFESSIONALS_DEMO not in seeded:
            seeded.append(PROFESSIONALS_DEMO)
        if seed_label_tracks(services.app, lambda: hash_password(DEMO_PASSWORD)) and PROFESSIONALS_DEMO not in seeded:
            seeded.append(PROFESSIONALS_DEMO)
        services.runner.catch_up()  # a management review reads its inputs from the registers' read models
        for tenant in DEMO_TENANTS:
            seeder = DemoSeeder(services.app, tenant, today)
            wrote = seeder.management_review()
            if (seeder.audit_evidence() or wrote) and tenant.name not in seeded:
                seeded.append(tenant.name)
        services.runner.catch_up()  # a mission's facts are gathered from the consultancy's read models
        if seed_attested_mission(services) and PROFESSIONALS_DEMO not in seeded:
            seeded.append(PROFESSIONALS_DEMO)
    services.runner.catch_up()
    return seeded


class DemoSeeder:
    """Writes one demo consultancy, step by step; each step checks the store and does only what is missing."""

    def __init__(self, app: Cordee, tenant: DemoTenant, today: date) -> None:
        self.app, self.tenant, self.today = app, tenant, today
        self.tenant_id = consultancy_id(tenant.slug)
        self.actor = SYSTEM_ACTOR
        self.coach = account_id(tenant.coach[0])
        self.cluster_id = cluster_id(self.tenant_id, tenant.cluster)
        self.members = [organisation_id(self.tenant_id, name) for name, _, _ in tenant.organisations]
        self.commands_run = 0
        self._password_hash: str | None = None
        self._feedback_shared: set[tuple[str, UUID, str, str, str | None]] | None = None

    def seed(self) -> bool:
        """Adds what is missing; answers whether it wrote anything."""
        if not self._consultancy():
            return False
        self._baseline()
        self._account(self.tenant.admin, Role.CONSULTANCY_ADMIN)
        self._account(self.tenant.coach, Role.COACH)
        starts_on = self._cluster_formed()
        for organisation in self.tenant.organisations:
            self._admit(*organisation)
        self._account(self.tenant.member, Role.MEMBER, self.members[0])
        self._account(self.tenant.colleague, Role.MEMBER, self.members[0])
        self._integration_client()
        self._organisation_people()
        self._security_policy()
        self._declare(1, starts_on + timedelta(weeks=7), starts_on + timedelta(weeks=8, days=4), "Annual closure")
        if self._cluster().status is ClusterStatus.FORMING:
            with business_day(starts_on):  # the plan was accepted before its first session
                self._run(AcceptPlan(self.tenant_id, self.coach, self.cluster_id, starts_on))
        if self._cluster().status is ClusterStatus.PLANNED:
            self._run(StartCluster(self.tenant_id, self.coach, self.cluster_id, starts_on))
        self._run_past_sessions()
        self._coach_towards_ceiling()
        self._declare_late_clash()
        self._locate_late()
        self._context()
        self._assets()
        self._statement_of_applicability()
        self._itil()
        self._risks()
        self._changes()
        self._incidents()
        self._catalogues()
        self._library()
        self._competence()
        self._comparison()
        return self.commands_run > 0

    def people_checked(self) -> bool:
        """The first member's audits and metrics, seeded once the clusters' read model lists the coach of its
        cluster: an auditor, a metric's owner and its evaluator are checked against it. Answers whether it wrote
        anything."""
        if not self._consultancy():
            return False
        before = self.commands_run
        self._audits()
        self._metrics()
        return self.commands_run > before

    def management_review(self) -> bool:
        """The first member's management review, held a week ago by its member account: its inputs gathered from
        the registers seeded before, an opportunity noted, two decisions with their actions; left held, not closed,
        so that the demo can close it. Each step is written only when missing. Answers whether it wrote anything."""
        if not self._consultancy():
            return False
        before = self.commands_run
        own = (self.tenant_id, account_id(self.tenant.member[0]), self.members[0])
        planned = self._known(ManagementReview, "Planned", "chair")
        review_id = (
            planned.get(DEMO_REVIEW_CHAIR)
            or self._run(
                PlanReview(*own, self.today - timedelta(days=7), DEMO_REVIEW_CHAIR, DEMO_REVIEW_ATTENDEES)
            ).aggregate_id
        )
        review = self.app.get(ManagementReview, self.tenant_id, review_id)
        if not review.inputs_gathered:
            self._run(GatherReviewInputs(*own, review_id))
        if not review.opportunities:
            self._run(NoteImprovementOpportunity(*own, review_id, DEMO_REVIEW_OPPORTUNITY))
        if review.status == "planned":
            self._run(HoldReview(*own, review_id))
        for text, how, resources, actions in DEMO_REVIEW_DECISIONS[
            self.app.get(ManagementReview, self.tenant_id, review_id).decisions :
        ]:
            due = tuple(
                PlannedAction(title, owner, self.today + timedelta(days=days)) for title, owner, days in actions
            )
            self._run(RecordReviewDecision(*own, review_id, text, how, resources, due))
        return self.commands_run > before

    def audit_evidence(self) -> bool:
        """An auditor's bundle of the first member's last twelve months, exported by its coach once everything else
        is recorded, so that its evidence page lists one to download. Answers whether it wrote anything."""
        if not self._consultancy():
            return False
        member = self.members[0]
        if self.app.exists(AuditBundles, self.tenant_id, audit_bundles_id(self.tenant_id, member)):
            return False
        self._run(ExportAuditBundle(self.tenant_id, self.coach, member, _year_before(self.today), self.today))
        return True

    def _locate_late(self) -> None:
        for name, sector, employees in self.tenant.organisations:
            organisation = self.app.get(Organisation, self.tenant_id, organisation_id(self.tenant_id, name))
            if organisation.country is None:
                place = ChangeOrganisationDetails(
                    self.tenant_id, self.actor, organisation.id, sector, employees, self.tenant.country, None
                )
                self._run(place)

    def _run(self, cmd: object) -> Saved:
        saved = self.app.handle(cmd)
        self.commands_run += 1
        return saved

    # Set-up

    def _consultancy(self) -> bool:
        """Creates the consultancy if missing; answers False when the short name belongs to someone else."""
        try:
            consultancy = self.app.get(Consultancy, self.tenant_id, self.tenant_id)
        except NotFound:
            self._run(CreateConsultancy(self.actor, self.tenant.name, self.tenant.slug))
            return True
        return consultancy.name == self.tenant.name

    def _baseline(self) -> None:
        if self.app.get(Consultancy, self.tenant_id, self.tenant_id).single_organisation_baseline_days is None:
            self._run(
                SetSingleOrganisationBaseline(self.tenant_id, self.actor, 45),
            )

    def _integration_client(self) -> None:
        """The first member's monitoring, registered as an integration client that reads: the Integrations page lists
        it. Its secret was never shown to anyone (only a hash of random bytes is kept): an admin registers a client
        of their own to try the token endpoint."""
        client_id = tenant_scoped_id(self.tenant_id, "integration-client", "monitoring")
        if not self.app.exists(IntegrationClient, self.tenant_id, client_id):
            unknown = hashlib.sha256(secrets.token_bytes(32)).hexdigest()
            member = self.members[0]
            self._run(
                RegisterIntegrationClient(
                    self.tenant_id, self.actor, client_id, "Monitoring", member, ("read",), unknown
                )
            )

    def _account(self, person: tuple[str, str], role: Role, organisation: UUID | None = None) -> None:
        email, name = person
        if not self.app.exists(Account, self.tenant_id, account_id(email)):
            cmd = OpenAccount(self.tenant_id, self.actor, email, name, self._password(), (role,), organisation)
            self._run(cmd)

    def _organisation_people(self) -> None:
        """A contributor and a viewer of the first organisation, and its auditor for a month from the demo's day."""
        if self.tenant.contributor:
            self._account(self.tenant.contributor, Role.CONTRIBUTOR, self.members[0])
        if self.tenant.viewer:
            self._account(self.tenant.viewer, Role.VIEWER, self.members[0])
        if self.tenant.auditor is None or self.app.exists(Account, self.tenant_id, account_id(self.tenant.auditor[0])):
            return
        (email, name), key_hash = self.tenant.auditor, hashlib.sha256(b"demo auditor").hexdigest()
        admin, ends_on = account_id(self.tenant.admin[0]), self.today + timedelta(days=AUDITOR_DEMO_DAYS - 1)
        with business_day(self.today):
            auditor = InviteAccount(
                self.tenant_id,
                admin,
                email,
                name,
                Role.AUDITOR,
                key_hash,
                self.members[0],
                uuid5(CORDEE_NAMESPACE, f"demo auditor grant:{email}"),
                None,
                ends_on,
            )  # a grant id of its own, the same at each seed: a seed run again writes nothing
            self._run(auditor)
            self._run(AcceptInvitation(self.tenant_id, account_id(email), key_hash, self._password()))

    def _comparison(self) -> None:
        """The other organisations' ISMS managers, and the first organisations' consent to the comparison: all three
        of Alpine's, so its members see one; two of Harbour's, below k, so its members are told why there is none."""
        for manager, organisation in zip(self.tenant.other_managers, self.members[1:], strict=False):
            self._account(manager, Role.ISMS_MANAGER, organisation)
        managers = [account_id(person[0]) for person in (self.tenant.member, *self.tenant.other_managers)]
        for number, organisation in enumerate(self.members[: self.tenant.consenting]):
            consent = consent_id(self.tenant_id, self.cluster_id, organisation)
            if not self.app.exists(ComparisonConsent, self.tenant_id, consent):
                actor = managers[number] if number < len(managers) else self.actor
                self._run(GiveComparisonConsent(self.tenant_id, actor, self.cluster_id, organisation))

    def _password(self) -> str:
        """Hashed once per consultancy, and only when an account is missing: hashing is slow on purpose."""
        if self._password_hash is None:
            self._password_hash = hash_password(DEMO_PASSWORD)
        return self._password_hash

    def _cluster_formed(self) -> date:
        """Forms the cluster if missing; answers the day its programme starts."""
        if not self.app.exists(Cluster, self.tenant_id, self.cluster_id):
            starts_on = _monday_before(self.today - timedelta(weeks=self.tenant.weeks_running))
            cmd = FormCluster(
                self.tenant_id, self.actor, self.tenant.cluster, self.coach, starts_on, starts_on + timedelta(weeks=44)
            )
            self._run(cmd)
        return self._programme_start()

    def _programme_start(self) -> date:
        """The start already recorded (the cluster's start, or its plan's first day) before one computed from today.

        So a seed resumed on a later day completes the programme it began instead of planning another.
        """
        cluster = self._cluster()
        if cluster.started_on is not None:
            return cluster.started_on
        if cluster.sessions:
            return min(session.on for session in cluster.sessions.values())
        return _monday_before(self.today - timedelta(weeks=self.tenant.weeks_running))

    def _admit(self, name: str, sector: str, employees: int) -> None:
        organisation = organisation_id(self.tenant_id, name)
        country = self.tenant.country
        if not self.app.exists(Organisation, self.tenant_id, organisation):
            self._run(
                RegisterOrganisation(
                    self.tenant_id, self.actor, name, sector, employees, None if self.tenant.located_late else country
                ),
            )
        if organisation in self._cluster().members:
            return
        criteria = AdmissionCriteria(
            small_enterprise=f"{employees} employees, turnover under EUR 10m (annual accounts 2025)",
            management_commitment="Signed commitment letter from the managing director",
            resources_available="An ISMS lead at 20% and a training budget approved",
        )
        cmd = AdmitOrganisation(self.tenant_id, self.actor, self.cluster_id, organisation, criteria)
        self._run(cmd)

    def _declare(self, member: int, starts_on: date, ends_on: date, reason: str) -> None:
        """Declares the period unless the member already declared one around it (a seed resumed on a later day)."""
        organisation = self.members[member]
        if any(p.overlaps(starts_on, ends_on) for p in self._cluster().members[organisation].unavailability):
            return
        cmd = DeclareUnavailability(
            self.tenant_id, self.actor, self.cluster_id, organisation, starts_on, ends_on, reason
        )
        self._run(cmd)

    # The programme so far

    def _run_past_sessions(self) -> None:
        """Holds what the plan put before today, in order; logs coaching and gap analyses as they happened."""
        cluster = self._cluster()
        for session in sorted(cluster.sessions.values(), key=lambda s: (s.on, s.key)):
            if session.on >= self.today:
                break
            scheduled = session.status is SessionStatus.SCHEDULED
            if session.kind == "coaching" and session.organisation_id is not None:
                if scheduled and not self._coached(session.organisation_id, session.module_number):
                    self._coach(session.organisation_id, session.on, session.module_number)
            elif session.kind == "gap_analysis" and session.organisation_id is not None:
                if scheduled:
                    self._hold(session.key, session.on, {session.organisation_id: ["Managing director", "ISMS lead"]})
                self._assess(session.organisation_id, session.on)
            else:
                if scheduled:
                    attendance = {m: ATTENDEES[i] for i, m in enumerate(self.members)}
                    self._hold(session.key, session.on, attendance, session.half_days)
                if session.module_number in (1, 2):
                    self._feedback(session.key, session.module_number)

    def _hold(self, key: str, on: date, attendance: dict[UUID, list[str]], half_days: int = 1) -> None:
        cmd = HoldSession(self.tenant_id, self.coach, self.cluster_id, key, on, half_days, attendance)
        self._run(cmd)

    def _assess(self, organisation: UUID, visited_on: date) -> None:
        if self.app.exists(GapAnalysis, self.tenant_id, gap_analysis_id(self.tenant_id, self.cluster_id, organisation)):
            return
        position = self.members.index(organisation)
        clause_levels = {clause: (position + int(clause)) % 3 for clause in CLAUSES}
        theme_levels = {theme: (position + n) % 4 for n, theme in enumerate(THEMES)}
        cmd = AssessGap(
            self.tenant_id,
            self.coach,
            self.cluster_id,
            organisation,
            visited_on,
            visited_on + timedelta(days=2),
            clause_levels,
            theme_levels,
        )
        self._run(cmd)

    def _coach(self, organisation: UUID, on: date, module_number: int | None) -> None:
        cmd = LogCoachingHalfDay(
            self.tenant_id,
            self.coach,
            self.cluster_id,
            organisation,
            on,
            self.coach,
            f"Follow-up of module {module_number}" if module_number else "Review of the risk treatment plan",
            "Finish the draft and send it for review",
            module_number,
        )
        self._run(cmd)

    def _coach_towards_ceiling(self) -> None:
        """The third member needed much more help: it stands two half-days from its ceiling.

        These half-days follow the coaching of the planned slots, one a working day from the cluster's start: the
        n-th of them always falls on the same day, however many a previous, interrupted seed already logged.
        """
        if self.tenant.weeks_running < 8:
            return
        cluster = self._cluster()
        member = self.members[2]
        planned = sum(
            1
            for s in cluster.sessions.values()
            if s.kind == "coaching" and s.organisation_id == member and self._coached(member, s.module_number)
        )
        engagement = self.app.engagement(self.tenant_id, self.cluster_id, member)
        granted = engagement.half_days_granted if engagement else 0
        ceiling = (cluster.template.coaching_ceiling_half_days if cluster.template else 0) + granted
        days = _working_days_after(cluster.started_on or self.today)
        for entry in range(planned + 1, ceiling - 1):
            day = min(next(days), self.today)
            if entry > self._coaching_used(member):
                self._coach(member, day, None)

    def _coached(self, member: UUID, module_number: int | None) -> bool:
        """Logging a half-day for a module holds the member's coaching slot (in its engagement, not the cluster)."""
        engagement = self.app.engagement(self.tenant_id, self.cluster_id, member)
        return engagement is not None and module_number in engagement.coached_modules

    def _coaching_used(self, member: UUID) -> int:
        engagement = self.app.engagement(self.tenant_id, self.cluster_id, member)
        return engagement.half_days_used if engagement else 0

    def _feedback(self, session_key: str, module_number: int) -> None:
        items = [
            (0, "worked", "Working on our own asset list during the session made it concrete.", "Marc Muller"),
            (1, "hard", "The risk scales were hard to agree on within our team.", None),
            (2, "worked", f"Sharing examples from the other members after module {module_number} helped.", None),
        ]
        for member, kind, text, signed_by in items:
            fact = (session_key, self.members[member], kind, text, signed_by)
            if fact in self._shared_feedback():
                continue
            cmd = ShareFeedback(
                self.tenant_id, self.actor, self.cluster_id, session_key, self.members[member], kind, text, signed_by
            )
            self._run(cmd)
            self._shared_feedback().add(fact)

    def _shared_feedback(self) -> set[tuple[str, UUID, str, str, str | None]]:
        """What the cluster's feedback already says, read from the event log: feedback items have random ids."""
        if self._feedback_shared is None:
            self._feedback_shared = {
                (e.session_key, e.organisation_id, e.kind, e.text, e.signed_by)
                for e in _events(self.app, FeedbackItem, "Shared")
                if e.tenant_id == self.tenant_id and e.cluster_id == self.cluster_id
            }
        return self._feedback_shared

    def _security_policy(self) -> None:
        """The first member drafts its information security policy from the consultancy's skeleton and submits it
        for approval by its management."""
        author, member = account_id(self.tenant.member[0]), self.members[0]
        created = [e for e in _events(self.app, Document, "Created") if e.organisation_id == member]
        if not created:
            owner = f"{self.tenant.member[1]} (managing director)"
            policy = CreateDocument(self.tenant_id, author, member, "", "", owner, "", "information-security-policy")
            created_id = self._run(policy).aggregate_id
        else:
            created_id = created[0].originator_id
        if self.app.get(Document, self.tenant_id, created_id).versions[1].status == "draft":
            self._run(SubmitVersion(self.tenant_id, author, member, created_id, 1))

    def _declare_late_clash(self) -> None:
        """Declared after planning: it falls on the next planned module, and the plan reports the clash."""
        cluster = self._cluster()
        upcoming = [s for s in cluster.sessions.values() if s.is_module and s.on >= self.today]
        if upcoming:
            module = min(upcoming, key=lambda s: s.on)
            self._declare(0, module.on, module.on + timedelta(days=2), "Trade fair in Frankfurt")

    def _cluster(self) -> Cluster:
        return self.app.get(Cluster, self.tenant_id, self.cluster_id)

    def _context(self) -> None:
        """The first member's context, begun by its member account: an issue, a party with an answer and a
        requirement, the scope with a justified exclusion, a CISO who is also the ISMS manager, the commitment."""
        organisation, actor = self.members[0], account_id(self.tenant.member[0])
        person = self.tenant.member[1]

        def demo_id(key: str) -> UUID:
            return tenant_scoped_id(self.tenant_id, "demo-context", f"{organisation}:{key}")

        own = (self.tenant_id, actor, organisation)
        party = demo_id("party")
        steps: list[tuple[type[TenantAggregate], Any, object]] = [
            (
                ContextIssue,
                demo_id("issue"),
                RaiseContextIssue(
                    *own,
                    "Customers ask for proof of security before signing",
                    "external",
                    "market",
                    "The ISMS must produce evidence customers can see",
                    demo_id("issue"),
                ),
            ),
            (InterestedParty, party, IdentifyInterestedParty(*own, "Alpha Cloud", "cloud_provider", party)),
            (
                IsmsRole,
                demo_id("ciso"),
                DefineIsmsRole(
                    *own, "ciso", "CISO", "Policies, risk assessment, incident response", person, actor, demo_id("ciso")
                ),
            ),
            (
                IsmsRole,
                demo_id("manager"),
                DefineIsmsRole(
                    *own,
                    "isms_manager",
                    "ISMS manager",
                    "Keeps the registers current",
                    person,
                    actor,
                    demo_id("manager"),
                ),
            ),
        ]
        for kind, item, command in steps:
            if not self.app.exists(kind, self.tenant_id, item):
                self._run(command)
        if not self.app.get(InterestedParty, self.tenant_id, party).answers:
            self._run(AnswerPartyQuestion(*own, party, "motivation", "Fill its data centres in Germany"))
        if not self.app.get(InterestedParty, self.tenant_id, party).requirements:
            self._run(ListPartyRequirement(*own, party, "Customers encrypt data they store"))
        if not self.app.exists(IsmsScope, self.tenant_id, scope_id(self.tenant_id, organisation)):
            excluded = Exclusion("Software development", "No software is developed in house")
            self._run(
                StateIsmsScope(
                    *own, "Ordering and delivery", "The shop and the office", "The bank's portal", (excluded,)
                )
            )
        if not self.app.exists(ManagementCommitment, self.tenant_id, commitment_id(self.tenant_id, organisation)):
            committed_on = self._programme_start() - timedelta(days=7)
            self._run(RecordManagementCommitment(*own, "Minutes of the board meeting", committed_on, self.cluster_id))

    def _assets(self) -> None:
        """The first member's inventory begun by its member account: three assets, two classified, one link."""
        member, actor = self.members[0], account_id(self.tenant.member[0])
        known = {
            e.name: e.originator_id
            for e in _events(self.app, Asset, "Registered")
            if e.tenant_id == self.tenant_id and e.organisation_id == member
        }
        for name, kind, owner, location in DEMO_ASSETS:
            if name not in known:
                registered = RegisterAsset(self.tenant_id, actor, member, name, kind, owner, location)
                known[name] = self._run(registered).aggregate_id
        for name, levels in DEMO_CLASSIFICATIONS.items():
            if self.app.get(Asset, self.tenant_id, known[name]).classification is None:
                self._run(ClassifyAsset(self.tenant_id, actor, member, known[name], *levels))
        dependant, target = known["Order book"], known["Back-office PC"]
        if target not in self.app.get(Asset, self.tenant_id, dependant).depends_on:
            self._run(AddAssetDependency(self.tenant_id, actor, member, dependant, target))

    def _statement_of_applicability(self) -> None:
        """The first member's statement on the 2022 catalogue: a first version decided by its member account (every
        control: those it thought about, the rest taken from the coach's baseline for a small shop), submitted and
        approved by the coach; a second on its way, with two more decisions."""
        member, actor = self.members[0], account_id(self.tenant.member[0])
        own = (self.tenant_id, actor, member)
        if not self.app.exists(StatementOfApplicability, self.tenant_id, statement_id(self.tenant_id, member)):
            self._run(StartStatement(*own, "iso27001-2022"))
        statement = self.app.get(StatementOfApplicability, self.tenant_id, statement_id(self.tenant_id, member))
        if not statement.approved and statement.status == "draft":
            for control in statement.controls:
                if control not in statement.decisions:
                    self._run(_decision(own, control, DEMO_SOA_FIRST.get(control, DEMO_SOA_BASELINE)))
            self._run(SubmitStatement(*own, 1))
        if not self.app.get(StatementOfApplicability, self.tenant_id, statement.id).approved:
            self._run(ApproveStatement(self.tenant_id, self.coach, member, 1))
        statement = self.app.get(StatementOfApplicability, self.tenant_id, statement.id)
        for control, decision in DEMO_SOA_SECOND.items():
            if statement.decisions[control].justification != decision[1]:
                self._run(_decision(own, control, decision))

    def _itil(self) -> None:
        """The first member's ITIL declarations, by its member account: what it already runs, with evidence; one
        links its information security policy."""
        member, actor = self.members[0], account_id(self.tenant.member[0])
        identifier = itil_declarations_id(self.tenant_id, member)
        declared = (
            self.app.get(ItilDeclarations, self.tenant_id, identifier).declared
            if self.app.exists(ItilDeclarations, self.tenant_id, identifier)
            else {}
        )
        policy = next(e.originator_id for e in _events(self.app, Document, "Created") if e.organisation_id == member)
        for item, evidence, linked in DEMO_ITIL:
            if item not in declared:
                document = policy if linked else None
                self._run(DeclareItilPractice(self.tenant_id, actor, member, item, evidence, document))

    def _competence(self) -> None:
        """The first member's competence and awareness: a training of its member account, one of a person without
        an account (who also attended the cluster's sessions), and a clean-desk campaign."""
        member, actor = self.members[0], account_id(self.tenant.member[0])
        if any(e.organisation_id == member for e in _events(self.app, Training, "Recorded")):
            return
        own = (self.tenant_id, actor, member)
        self._run(
            RecordTraining(
                *own, "Phishing awareness", self.today - timedelta(days=60), "CNIL e-learning", account_id=actor,
                evidence="Certificate of completion no. 2026-114",
            )
        )  # fmt: skip
        self._run(
            RecordTraining(
                *own, "GDPR for shop staff", self.today - timedelta(days=30), "Chamber of trades",
                person_name="Sophie Muller", evidence="Attendance sheet, signed",
            )
        )  # fmt: skip
        if not any(e.organisation_id == member for e in _events(self.app, AwarenessCampaign, "Run")):
            self._run(
                RunAwarenessCampaign(
                    *own, "Clean desk week", self.today - timedelta(days=14), "Everyone in the bakery and the shop",
                    "Posters in the back office and a five-minute talk at the morning briefing",
                    ("Marc Muller", "Sophie Muller", "Luc Muller"),
                )
            )  # fmt: skip

    def _metrics(self) -> None:
        """The first member's monitoring and measurement: patching measured each month for five months, the latest
        month missing its target; the phishing click rate measured each quarter, met; restore tests measured once,
        five months ago, and now overdue."""
        member, marc = self.members[0], account_id(self.tenant.member[0])
        own = (self.tenant_id, marc, member)
        defined = self._known(Metric, "Defined", "name")
        month_end = self.today.replace(day=1) - timedelta(days=1)
        for name, method, frequency, target, direction, unit, reference, measured in DEMO_METRICS:
            if name not in defined:
                owner = account_id(self.tenant.colleague[0]) if reference == "6.3" else marc
                metric = DefineMetric(
                    *own, name, method, frequency, target, direction, unit, owner, self.coach, reference
                )
                defined[name] = self._run(metric).aggregate_id
            taken = {m.measured_on for m in self.app.get(Metric, self.tenant_id, defined[name]).measurements.values()}
            for months_ago, value in measured:
                on = _months_before(month_end, months_ago)
                if on not in taken:
                    self._run(RecordMeasurement(*own, defined[name], on, value))

    def _risks(self) -> None:
        """The first member's risk register: three risks on its assets, treated; one accepted by its owner alone, one
        above the criteria, owned by a colleague, accepted after management's decision (recorded by the first member
        account, not by its owner); a review, two actions of the plan, an objective."""
        member, marc, colleague = (
            self.members[0],
            account_id(self.tenant.member[0]),
            account_id(self.tenant.colleague[0]),
        )
        own = (self.tenant_id, marc, member)
        assets = {
            e.name: e.originator_id
            for e in _events(self.app, Asset, "Registered")
            if e.tenant_id == self.tenant_id and e.organisation_id == member
        }
        risks = self._known(Risk, "Identified", "title")
        for title, threat, vulnerability, concerned in DEMO_RISKS:
            if title not in risks:
                at = tuple(assets[name] for name in concerned)
                owner = colleague if title in DEMO_OWNED_BY_COLLEAGUE else marc
                risks[title] = self._run(IdentifyRisk(*own, title, threat, vulnerability, owner, at)).aggregate_id
        if not self._known(RiskReview, "Held", "notes"):
            self._run(HoldRiskReview(*own, self.today - timedelta(days=30), "First review with the coach"))
        for title, assessed, treated, decision in DEMO_TREATMENTS:
            risk = self.app.get(Risk, self.tenant_id, risks[title])
            if risk.level is None:
                self._run(AssessRisk(*own, risk.id, *assessed))
            if risk.treatment is None:
                self._run(TreatRisk(*own, risk.id, *treated))
            risk = self.app.get(Risk, self.tenant_id, risks[title])
            if decision and not risk.management_decided and risk.status == "treated":
                self._run(RecordManagementDecision(*own, risk.id, decision))
            if title in DEMO_ACCEPTED and risk.status == "treated":
                until = self.today + timedelta(days=DEMO_ACCEPTED[title][1])
                accepted = AcceptRisk(self.tenant_id, risk.owner_id, member, risk.id, DEMO_ACCEPTED[title][0], until)
                self._run(accepted)
        self._plan(own, risks)

    def _incidents(self) -> None:
        """The first member's service levels and three incidents: one restored and closed, one escalated to its
        provider (the second level), and one still unacknowledged past its reaction target. Each step is taken
        only when the incident has not taken it yet, so that an interrupted seed completes when run again."""
        member, marc = self.members[0], account_id(self.tenant.member[0])
        own = (self.tenant_id, marc, member)
        if not self.app.exists(ServiceLevels, self.tenant_id, service_levels_id(self.tenant_id, member)):
            self._run(AgreeServiceLevels(*own, DEMO_SERVICE_LEVELS))
        known = self._known(Incident, "Reported", "title")
        noon = datetime.combine(self.today, time(12), tzinfo=UTC)
        for title, service, severity, days_ago, steps in DEMO_INCIDENTS:
            reported = noon - timedelta(days=days_ago)
            if title not in known:
                known[title] = self._run(ReportIncident(*own, title, service, severity, reported)).aggregate_id
            for step in steps:
                self._incident_step(own, known[title], reported, step)
        risk = next(e.originator_id for e in _events(self.app, Risk, "Identified") if e.organisation_id == member)
        asset = next(e.originator_id for e in _events(self.app, Asset, "Registered") if e.organisation_id == member)
        linked = self.app.get(Incident, self.tenant_id, known["Online orders not arriving"])
        if not linked.asset_ids:
            self._run(LinkIncident(*own, linked.id, (asset,), (risk,)))
        if not self._known(MonitoringToken, "Issued", "label"):  # a secret nobody knows: issue another to use one
            key_hash = hashlib.sha256(secrets.token_bytes(32)).hexdigest()
            self._run(IssueMonitoringToken(*own, key_hash, "Nagios at the shop"))

    def _incident_step(self, own: tuple[UUID, UUID, UUID], incident_id: UUID, reported: datetime, step: Any) -> None:
        incident = self.app.get(Incident, self.tenant_id, incident_id)
        kind, minutes, *rest = step
        at = reported + timedelta(minutes=minutes)
        if kind == "acknowledge" and incident.status == "reported":
            self._run(AcknowledgeIncident(*own, incident_id, at))
        elif kind == "escalate" and LEVELS.index(rest[0]) > (
            -1 if incident.level is None else LEVELS.index(incident.level)
        ):
            self._run(EscalateIncident(*own, incident_id, rest[0], rest[1], at))
        elif kind == "restore" and incident.status in ("reported", "acknowledged"):
            self._run(RestoreIncident(*own, incident_id, at))
        elif kind == "close" and incident.status == "restored":
            self._run(CloseIncident(*own, incident_id, at, rest[0]))

    def _plan(self, own: tuple[UUID, UUID, UUID], risks: dict[str, UUID]) -> None:
        actions = self._known(TreatmentAction, "Planned", "title")
        for title, owner, days, risk, controls, status in DEMO_ACTIONS:
            if title not in actions:
                due = self.today + timedelta(days=days)
                planned = PlanTreatmentAction(*own, title, owner, due, (risks[risk],), controls)
                actions[title] = self._run(planned).aggregate_id
            if status and self.app.get(TreatmentAction, self.tenant_id, actions[title]).status != status:
                self._run(ChangeTreatmentActionStatus(*own, actions[title], status))
        if not self._known(SecurityObjective, "Set", "title"):
            due = self.today + timedelta(days=90)
            self._run(SetSecurityObjective(*own, *DEMO_OBJECTIVE, due))

    def _changes(self) -> None:
        """The first member's change log: a standard change of its catalogue, run; a regular change approved and
        scheduled; an emergency change its Change Advisory Board consented to, run the same day; a non-operational
        change awaiting approval. Its member account owns them, a second member account approves them."""
        member, marc = self.members[0], account_id(self.tenant.member[0])
        colleague = account_id(self.tenant.colleague[0])
        own, by_colleague = (self.tenant_id, marc, member), (self.tenant_id, colleague, member)
        book_id = log_book_id(self.tenant_id, member)
        book = self.app.get(ChangeLogBook, self.tenant_id, book_id) if self.app.exists(
            ChangeLogBook, self.tenant_id, book_id
        ) else None  # fmt: skip
        if book is None or not book.board:
            self._run(NameChangeAdvisoryBoard(*own, (marc, colleague)))
        if book is None or not book.standard_changes:
            self._run(DefineStandardChange(*own, *DEMO_STANDARD_CHANGE))
        book = self.app.get(ChangeLogBook, self.tenant_id, book_id)
        standard = next(iter(book.standard_changes))
        filed = self._known(Change, "Filed", "description")
        for description, hostname, category, risk, initiator, cause, configuration, steps in DEMO_CHANGES:
            if description not in filed:
                standard_id = UUID(standard) if category == "standard" else None
                filing = FileChange(
                    *own, marc, initiator, hostname, description, category, risk, cause, None, configuration,
                    standard_id,
                )  # fmt: skip
                filed[description] = self._run(filing).aggregate_id
            self._change_steps(filed[description], steps, own, by_colleague)

    def _change_steps(
        self, found: UUID, steps: str, own: tuple[UUID, UUID, UUID], by_colleague: tuple[UUID, UUID, UUID]
    ) -> None:
        change = self.app.get(Change, self.tenant_id, found)
        if "approve" in steps and change.approved_on is None:
            self._run(ApproveChange(*by_colleague, found))
        if "consent" in steps:
            for actor in (own[1], by_colleague[1]):
                if actor not in change.consents:
                    self._run(ConsentToChange(self.tenant_id, actor, own[2], found))
        if "schedule" in steps and change.scheduled_for is None:
            days = 7 if "execute" not in steps else 0
            self._run(ScheduleChange(*own, found, self.today + timedelta(days=days), DEMO_FALLBACK))
        if "execute" in steps and change.succeeded is None:
            self._run(RecordChangeExecution(*own, found, self.today, True, None))

    def _audits(self) -> None:
        """The first member's audit programme of the year; an audit of access control and backups by the coach, who
        owns none of its areas, with a minor nonconformity and an observation; the nonconformity raised from the
        finding, analysed, with one corrective action overdue and one to come."""
        member, marc = self.members[0], account_id(self.tenant.member[0])
        own = (self.tenant_id, marc, member)
        year = self.today.year
        if not self.app.exists(AuditProgramme, self.tenant_id, programme_id(self.tenant_id, member, year)):
            areas = tuple((reference, marc) for reference in DEMO_AUDIT_AREAS)
            self._run(PlanAuditProgramme(*own, year, areas, "Every clause and the controls we chose, once a year."))
        audits = self._known(Audit, "Planned", "title")
        title, scope, criteria = DEMO_AUDIT
        if title not in audits:
            held_on = max(self.today - timedelta(days=14), date(year, 1, 1))
            found = programme_id(self.tenant_id, member, year)
            audits[title] = self._run(PlanAudit(*own, found, title, scope, criteria, held_on, self.coach)).aggregate_id
        audit = self.app.get(Audit, self.tenant_id, audits[title])
        for kind, reference, statement, evidence in DEMO_FINDINGS[len(audit.findings) :]:
            self._run(
                RecordAuditFinding(self.tenant_id, self.coach, member, audit.id, kind, reference, statement, evidence)
            )
        audit = self.app.get(Audit, self.tenant_id, audits[title])
        minor = next(key for key, finding in audit.findings.items() if finding.kind == "minor_nonconformity")
        if audit.findings[minor].nonconformity_id is None:
            self._run(RaiseNonconformityFromFinding(*own, audit.id, minor, DEMO_NONCONFORMITY[0]))
            audit = self.app.get(Audit, self.tenant_id, audits[title])
        if not audit.completed:
            self._run(CompleteAudit(self.tenant_id, self.coach, member, audit.id, self.today, DEMO_AUDIT_CONCLUSION))
        raised = audit.findings[minor].nonconformity_id
        assert raised is not None
        nonconformity = self.app.get(Nonconformity, self.tenant_id, raised)
        if not nonconformity.analysed:
            self._run(AnalyseNonconformity(*own, raised, *DEMO_NONCONFORMITY[1:]))
        for description, days in DEMO_CORRECTIVE_ACTIONS[len(nonconformity.actions) :]:
            self._run(PlanCorrectiveAction(*own, raised, description, marc, self.today + timedelta(days=days)))

    def _known(self, aggregate: type[TenantAggregate], event_name: str, key: str) -> dict[str, UUID]:
        """The first member's items of this kind, by `key`, as recorded."""
        return {
            getattr(e, key): e.originator_id
            for e in _events(self.app, aggregate, event_name)
            if e.tenant_id == self.tenant_id and e.organisation_id == self.members[0]
        }

    def _catalogues(self) -> None:
        """The consultancy's admin imports a baseline of its own (an OSCAL catalog) and pastes its text of 5.23."""
        admin, baseline = account_id(self.tenant.admin[0]), f"{self.tenant.slug}-baseline"
        if not self.app.exists(ImportedCatalogue, self.tenant_id, imported_catalogue_id(self.tenant_id, baseline)):
            content = DEMO_CATALOGUE.read_text(encoding="utf-8")
            self._run(ImportCatalogue(self.tenant_id, admin, "oscal", content, baseline))
        if not self.app.exists(ControlText, self.tenant_id, control_text_id(self.tenant_id, "iso27001-2022", "5.23")):
            self._run(WriteControlText(self.tenant_id, admin, "iso27001-2022", "5.23", DEMO_CONTROL_TEXT))

    def _library(self) -> None:
        """The consultancy's library, kept by its coach: a few items of each kind, one revised; the coach copies a
        skeleton and an asset template into the second member's registers."""
        coach, member = self.coach, self.members[1]
        known = {
            e.title: e.originator_id for e in _events(self.app, LibraryItem, "Added") if e.tenant_id == self.tenant_id
        }
        for kind, title, fields in DEMO_LIBRARY:
            if title not in known:
                known[title] = self._run(AddLibraryItem(self.tenant_id, coach, kind, title, fields)).aggregate_id
        laptop = known["Staff laptop"]
        if self.app.get(LibraryItem, self.tenant_id, laptop).item_version == 1:
            revised = replace(
                LAPTOP, description="A laptop a member of staff takes home; encrypted, backed up nightly."
            )
            self._run(ReviseLibraryItem(self.tenant_id, coach, laptop, "Staff laptop", revised))
        copies = {
            e.source_library_item
            for kind in (Asset, Document)
            for e in _events(self.app, kind, "Registered" if kind is Asset else "Created")
            if e.tenant_id == self.tenant_id and getattr(e, "source_library_item", None)
        }
        if str(known["Backup procedure"]) not in copies:
            self._run(CopyDocumentSkeleton(self.tenant_id, coach, member, known["Backup procedure"], "Office manager"))
        if str(laptop) not in copies:
            self._run(CopyAssetTemplate(self.tenant_id, coach, member, laptop, "Office manager"))


Decided = tuple[bool, str, tuple[str, ...], str | None]


def _decision(own: tuple[UUID, UUID, UUID], control: str, decision: Decided) -> DecideControl:
    applicable, justification, reasons, implementation = decision
    chosen = tuple(InclusionReason(reason) for reason in reasons)
    status = ImplementationStatus(implementation) if implementation else None
    return DecideControl(*own, control, applicable, justification, chosen, status)


DEMO_SOA_FIRST: dict[str, Decided] = {
    "5.1": (True, "The board asked for a written security policy.", ("business",), "implemented"),
    "5.9": (True, "The asset inventory is started.", ("risk_treatment",), "partial"),
    "5.15": (True, "Staff share the back-office PC.", ("risk_treatment",), "planned"),
    "5.34": (True, "Customer orders hold personal data.", ("legal",), "partial"),
    "6.3": (True, "New staff join every season.", ("risk_treatment", "business"), "not_started"),
    "7.1": (True, "The shop and the back room are the premises.", ("risk_treatment",), "implemented"),
    "8.25": (False, "No software is developed in house.", (), None),
    "8.28": (False, "No software is developed in house.", (), None),
}
"""The decisions of the approved first version: control, (applicable, justification, reasons, implementation)."""
DEMO_SOA_BASELINE: Decided = (
    True, "Part of the coach's baseline for a small shop; to be worked on.", ("business",), "planned"
)  # fmt: skip
"""The first version's decision on every other control."""
DEMO_SOA_SECOND: dict[str, Decided] = {
    "8.13": (True, "The order book is backed up to the hosted shop.", ("risk_treatment",), "planned"),
    "5.23": (True, "The online shop is a cloud service.", ("contractual",), "not_started"),
}
"""The decisions taken since, on the draft of version 2."""
DEMO_ITIL = (
    ("step-1", "The shop manager is service manager; the supplier's hotline is the service desk", True),
    ("step-2", "Incidents are tickets in the supplier's help desk, with reaction times per severity", False),
    ("incident-management", "Help-desk tickets since 2022; the monthly service report counts them", False),
    ("change-management", "Changes to the till and the web shop are agreed with the supplier by e-mail", False),
)


DEMO_SERVICE_LEVELS = {
    "critical": {"reaction": 15, "escalation": 30, "recovery": 240},
    "high": {"reaction": 30, "escalation": 60, "recovery": 480},
    "medium": {"reaction": 60, "escalation": 240, "recovery": 1440},
    "low": {"reaction": 240, "escalation": 480, "recovery": 4320},
}
"""Minutes from the report, per severity: the bakery's agreement with its web shop provider."""

DEMO_INCIDENTS: tuple[tuple[str, str, str, int, tuple[tuple[Any, ...], ...]], ...] = (
    (
        "Card terminal offline",
        "Shop tills",
        "high",
        6,
        (("acknowledge", 20), ("restore", 140), ("close", 60 * 25, "Keep the spare terminal charged")),
    ),
    (
        "Online orders not arriving",
        "Ordering",
        "critical",
        1,
        (
            ("acknowledge", 10),
            ("escalate", 12, "first", "Service desk"),
            ("escalate", 25, "second", "Web shop provider"),
        ),
    ),
    ("Oven temperature alarm", "Bakery floor", "medium", 3, ()),
)
"""Title, service, severity, days before today at noon, and the steps taken, minutes after the report."""

DEMO_RISKS = (
    (
        "Ransomware on the back-office PC",
        "A criminal gang encrypts the PC through a phishing mail.",
        "No copy of the order book kept apart from the PC.",
        ("Order book", "Back-office PC"),
    ),
    (
        "Online shop down during the Christmas orders",
        "The web shop's host fails for a day.",
        "One host, no agreed recovery time.",
        ("Online shop",),
    ),
    (
        "Order book read by a stranger",
        "Someone in the shop reads customers' addresses on the screen.",
        "The back-office door stays open in opening hours.",
        ("Order book",),
    ),
)
DEMO_STANDARD_CHANGE = (
    "Renew the web shop's TLS certificate",
    "Order the certificate from the hosting panel, install it, check the shop answers over HTTPS with the new expiry.",
)
DEMO_FALLBACK = "Restore the configuration saved before the change and restart the service."
DEMO_CHANGES = (
    (
        "Renew the web shop's TLS certificate before it expires",
        "shop.muller.example",
        "standard",
        "low",
        "Marc Muller",
        "The certificate expires in three weeks.",
        "certbot renew --cert-name shop.muller.example",
        "schedule execute",
    ),
    (
        "Raise the till database's connection limit for the Christmas season",
        "tills-db.muller.example",
        "normal",
        "medium",
        "Shop manager",
        "The tills slowed down on the busiest Saturday.",
        "max_connections = 200  # was 100",
        "approve schedule",
    ),
    (
        "Patch the card terminal gateway against a published vulnerability",
        "payments-gw.muller.example",
        "emergency",
        "high",
        "Card terminal vendor",
        "The vendor's security notice: card data may leak until the patch is installed.",
        "apt-get install --only-upgrade terminal-gateway=4.2.1",
        "approve consent schedule execute",
    ),
    (
        "Try the new order form on the test shop",
        "test-shop.muller.example",
        "non_operational",
        "low",
        "Marc Muller",
        "Customers asked to order cakes online.",
        None,
        "",
    ),
)
"""The first member's changes: description, hostname, category, risk, initiator, cause, configuration, and what
happened to each after its filing."""
DEMO_TREATMENTS = (
    (
        "Ransomware on the back-office PC",
        (2, 3),
        ("mitigate", 1, 2, ("iso27001-2022:8.13", "iso27001-2022:8.7"), ("Nightly copy to a disk kept at home",)),
        None,
    ),
    ("Online shop down during the Christmas orders", (2, 2), ("transfer", 1, 2, ("iso27001-2022:5.23",), ()), None),
    (
        "Order book read by a stranger",
        (3, 3),
        ("accept", 3, 3, ("iso27001-2022:7.7",), ()),
        "The owners accept it until the shop is refitted in spring: a new door costs more than the risk.",
    ),
)
DEMO_OWNED_BY_COLLEAGUE = frozenset({"Order book read by a stranger"})
DEMO_ACCEPTED = {
    "Ransomware on the back-office PC": ("The copy at home leaves little to lose.", 365),
    "Order book read by a stranger": ("Accepted until the refit, as management decided.", 120),
}
DEMO_ACTIONS = (
    (
        "Set up the nightly copy and test a restore",
        "Marc Muller",
        30,
        "Ransomware on the back-office PC",
        ("iso27001-2022:8.13",),
        "in_progress",
    ),
    (
        "Ask the web shop's host for its recovery time",
        "Sophie Muller",
        -10,
        "Online shop down during the Christmas orders",
        ("iso27001-2022:5.23",),
        None,
    ),
)
DEMO_REVIEW_CHAIR = "Marc Muller"
DEMO_REVIEW_ATTENDEES = ("Marc Muller", "Luc Muller", "Sophie Muller")
DEMO_REVIEW_OPPORTUNITY = "Order the flour supplier's security questions once a year, with the contract renewal."
DEMO_REVIEW_DECISIONS = (
    (
        "Buy a second backup disk kept at home, rotated each Friday.",
        "Proposed by Luc after the restore test; agreed by all three attendees.",
        "180 EUR for the disk; half an hour a week of Luc's time.",
        (
            ("Buy and label the second backup disk", "Luc Muller", 14),
            ("Write the Friday rotation down", "Luc Muller", 30),
        ),
    ),
    (
        "Train the two seasonal staff on the till and e-mail rules before the summer.",
        "Chosen over a written notice only, since last year's phishing e-mail reached a seasonal worker.",
        "Two hours of Sophie's time and the coach's half-day of the cluster.",
        (("Run the awareness session for the seasonal staff", "Sophie Muller", 60),),
    ),
)
DEMO_OBJECTIVE = (
    "The order book restored within a working day",
    "A restore test each quarter, finished within 8 hours.",
    "Marc Muller",
)


LAPTOP = ItemFields(asset_kind="hardware", confidentiality=3, integrity=2, availability=2)
DEMO_LIBRARY: tuple[tuple[str, str, ItemFields], ...] = (
    ("threat", "Ransomware", ItemFields(description="Malware that encrypts files and asks for a ransom.")),
    ("threat", "Theft of a laptop", ItemFields(description="A laptop stolen from a car, a train or a home.")),
    ("threat", "Fire in the server room", ItemFields()),
    ("vulnerability", "Backups on the same network", ItemFields(description="What reaches the files reaches them.")),
    ("vulnerability", "Unencrypted laptop disks", ItemFields()),
    ("asset_template", "Staff laptop", LAPTOP),
    ("asset_template", "Customer database", ItemFields(asset_kind="information", confidentiality=3, integrity=3)),
    ("asset_template", "Web shop", ItemFields(asset_kind="saas", confidentiality=2, integrity=2, availability=3)),
    (
        "risk_scenario",
        "Ransomware encrypts the backups",
        ItemFields(threat="Ransomware", vulnerability="Backups on the same network",
                   likelihood="Likely within three years", impact="Several days without orders"),
    ),
    (
        "risk_scenario",
        "A lost laptop exposes customer data",
        ItemFields(threat="Theft of a laptop", vulnerability="Unencrypted laptop disks", likelihood="Possible",
                   impact="Customers told of a breach; a fine"),
    ),
    (
        "document_skeleton",
        "Backup procedure",
        ItemFields(document_kind="procedure", text=(
            "# Backup procedure\n\n## What is backed up\n\n- \n\n## How often, and where\n\n"
            "## Who checks a restore, and when\n\n## Records kept\n"
        )),
    ),
    (
        "document_skeleton",
        "Access control policy",
        ItemFields(document_kind="policy", text=(
            "# Access control policy\n\n## Purpose\n\n## Accounts: one per person\n\n"
            "## Leavers\n\n## Review of access rights\n"
        )),
    ),
)  # fmt: skip

DEMO_CATALOGUE = Path(__file__).parent / "demo_data" / "small-office-baseline.oscal.json"
DEMO_CONTROL_TEXT = (
    "Where the consultancy holds a licence of ISO/IEC 27001, the standard's own wording of this control goes here,\n"
    "for its coaches and its clients to read beside Cordee's short title. (Demo text, not the standard's.)"
)

DEMO_AUDIT_AREAS = ("4.3", "6.1", "7.5", "9.2", "A.5.15", "A.5.18", "A.8.13")
DEMO_AUDIT = (
    "Access control and backups",
    ("A.5.15", "A.5.18", "A.8.13"),
    "ISO/IEC 27001:2022 A.5.15, A.5.18 and A.8.13; our access control policy and backup procedure.",
)
DEMO_FINDINGS = (
    (
        "minor_nonconformity",
        "A.5.18",
        "Accounts of people who left are not always closed.",
        "Of five leavers this year, two still had an active account on the web shop on the day of the audit.",
    ),
    (
        "observation",
        "A.8.13",
        "The nightly copy runs, but no restore has been tried yet.",
        "Backup log of the last 30 nights; no restore test recorded.",
    ),
    ("opportunity", "A.5.15", "One shared shop account could become personal accounts.", "The web shop's users."),
)
DEMO_AUDIT_CONCLUSION = "Access control needs a leaver checklist; backups run but their restore is untested."
DEMO_NONCONFORMITY = (
    "Leavers keep their web shop accounts",
    "Nobody is told to close accounts when someone leaves: there is no leaver checklist.",
    "The two accounts were closed on the day of the audit.",
)
DEMO_CORRECTIVE_ACTIONS = (
    ("List every account a leaver may have", -3),
    ("Write a leaver checklist and use it at the next departure", 30),
)

DEMO_METRICS = (
    ("Critical patches applied within 14 days", "Share of the critical security updates of the PCs, the till and "
     "the web shop applied within 14 days of their release, from the update reports.", "monthly", 95.0, "at_least",
     "%", "8.8", ((4, 96.0), (3, 97.5), (2, 95.0), (1, 98.0), (0, 91.0))),
    ("Phishing test click rate", "Share of the staff who clicked the link of the quarter's test e-mail.",
     "quarterly", 10.0, "at_most", "%", "6.3", ((3, 8.0), (0, 5.0))),
    ("Restore tests passed", "Restores of the order book from its backup that succeeded, tested in the back room.",
     "quarterly", 1.0, "at_least", "tests", "8.13", ((5, 1.0),)),
)  # fmt: skip
"""Name, method, frequency, target, direction, unit, the control it evidences, and (months before the end of last
month, value) measured."""

DEMO_ASSETS = (
    ("Order book", "information", "Marc Muller", "Back-office PC"),
    ("Back-office PC", "hardware", "Marc Muller", "Shop, back room"),
    ("Online shop", "saas", "Sophie Muller", "Hosted web shop"),
)
DEMO_CLASSIFICATIONS = {"Order book": (3, 2, 2), "Online shop": (2, 2, 3)}


def _events(app: Cordee, aggregate: type[TenantAggregate], event_name: str, page: int = 500) -> Iterator[Any]:
    """Every stored event of one type, oldest first."""
    topics = [f"{get_topic(aggregate)}.{event_name}"]
    start = 0
    while notifications := app.recorder.select_notifications(start, page, topics=topics, inclusive_of_start=False):
        yield from (app.mapper.to_domain_event(n) for n in notifications)
        start = notifications[-1].id


def _working_days_after(day: date) -> Iterator[date]:
    while True:
        day += timedelta(days=1)
        if day.weekday() < 5:
            yield day


def _months_before(month_end: date, months: int) -> date:
    """The last day of the month `months` before the month ending on `month_end`."""
    first = month_end.replace(day=1)
    for _ in range(months):
        first = (first - timedelta(days=1)).replace(day=1)
    return (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def _year_before(day: date) -> date:
    """The first day of the twelve months ending on `day`."""
    try:
        return day.replace(year=day.year - 1) + timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28) + timedelta(days=1)


def _monday_before(day: date) -> date:
    return day - timedelta(days=day.weekday())


def demo_logins() -> list[tuple[str, str, str]]:
    return [
        *(
            (tenant.name, email, DEMO_PASSWORD)
            for tenant in DEMO_TENANTS
            for email, _ in (tenant.admin, tenant.coach, tenant.member, tenant.colleague)
        ),
        (LABEL_BOARD[0], LABEL_BOARD_REGISTRAR[0], DEMO_PASSWORD),
        ("professionals", DEMO_PROFESSIONAL[0], DEMO_PASSWORD),
        ("professionals", DEMO_CANDIDATE[0], DEMO_PASSWORD),
    ]


PROFESSIONALS_DEMO = "the label board and its professionals"
LABEL_BOARD = ("ISMS Label Board", "label-board")
LABEL_BOARD_REGISTRAR = ("registrar@label-board.example", "Rita Registrar")
DEMO_PROFESSIONAL = ("sophie@pro.example", "Sophie Martin")
DEMO_CANDIDATE = TOM


def seed_professionals(app: Cordee) -> bool:
    """The labelling body with its registrar; Sophie Martin, a professional, linked with her consent to Alpine's
    coach account, and asked by Harbour's admin for Harbour's coach, not answered yet: both states show. Writes only
    what is missing; answers whether it wrote anything."""
    written = 0

    def run(cmd: object) -> None:
        nonlocal written
        app.handle(cmd)
        written += 1

    body = labelling_body_id(LABEL_BOARD[1])
    if not app.exists(LabellingBody, body, body):
        run(CreateLabellingBody(SYSTEM_ACTOR, *LABEL_BOARD))
    password = (
        hash_password(DEMO_PASSWORD)
        if not all(
            app.exists(Account, tenant, account_id(email))
            for tenant, (email, _) in ((body, LABEL_BOARD_REGISTRAR), (PROFESSIONALS, DEMO_PROFESSIONAL))
        )
        else ""
    )
    for tenant, (email, name), role in (
        (body, LABEL_BOARD_REGISTRAR, Role.LABELLING_BODY),
        (PROFESSIONALS, DEMO_PROFESSIONAL, Role.PROFESSIONAL),
    ):
        if not app.exists(Account, tenant, account_id(email)):
            run(OpenAccount(tenant, SYSTEM_ACTOR, email, name, password, (role,)))
    sophie = account_id(DEMO_PROFESSIONAL[0])
    for demo, consents in ((DEMO_TENANTS[0], True), (DEMO_TENANTS[1], False)):
        consultancy, coach = consultancy_id(demo.slug), account_id(demo.coach[0])
        if not app.exists(Account, consultancy, coach):
            continue  # a consultancy of that short name that is someone else's
        link = link_id(consultancy, coach, DEMO_PROFESSIONAL[0])
        if not app.exists(ProfessionalLink, consultancy, link):
            run(RequestProfessionalLink(consultancy, account_id(demo.admin[0]), coach, DEMO_PROFESSIONAL[0]))
        if consents and not app.exists(
            ProfessionalConsent, PROFESSIONALS, professional_consent_id(consultancy, link, 1)
        ):
            run(AnswerProfessionalLink(PROFESSIONALS, sophie, consultancy, link, True))
    return written > 0


def seed_attested_mission(services: Services) -> bool:
    """Alpine's admin attests Sophie's mission with the first member, by name, of the cluster her Alpine coach account
    leads, with the facts gathered from Alpine's records as the Missions page gathers them. Writes only what is
    missing; answers whether it wrote anything."""
    demo = DEMO_TENANTS[0]
    consultancy, coach = consultancy_id(demo.slug), account_id(demo.coach[0])
    scope, queries = Scope(consultancy), services.queries
    with queries.for_tenant(consultancy):
        linked = queries.missions.link_in_force(scope, link_id(consultancy, coach, DEMO_PROFESSIONAL[0]))
        cluster = next((c for c in queries.clusters.clusters(scope, 100, None) if c.coach_id == coach), None)
        if linked is None or cluster is None:
            return False
        members = sorted(queries.clusters.members(scope, cluster.cluster_id), key=lambda m: m.organisation.name)
        member = members[0].organisation.organisation_id
        mission = attestation_id(consultancy, linked.professional_id, cluster.cluster_id, member)
        if services.app.exists(MissionAttestation, consultancy, mission):
            return False
        facts = gathered_facts(queries, scope, linked.consultancy_name, {coach}, cluster.cluster_id, member)
    admin = account_id(demo.admin[0])
    services.app.handle(AttestMission(consultancy, admin, linked.professional_id, cluster.cluster_id, member, facts))
    return True
