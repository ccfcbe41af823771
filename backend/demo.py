"""Demo data: two consultancies, each with a cluster of three organisations. Idempotent.

Alpine's cluster is in mid-programme: gap analyses done, the initial training and the first modules held with
attendance and feedback, coaching logged (one member close to its ceiling), and an unavailability declared after
planning that now clashes with a planned module. Harbour's cluster has just started.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from backend.auth.passwords import hash_password
from backend.services import Services
from domain.application import Cordee
from domain.programme import commands as c
from domain.programme.admission import AdmissionCriteria
from domain.programme.cluster import Cluster
from domain.programme.gap_analysis import CLAUSES, THEMES
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import NotFound
from domain.tenancy.account import Role
from domain.tenancy.commands import CreateConsultancy, OpenAccount, SetSingleOrganisationBaseline
from domain.tenancy.consultancy import Consultancy, consultancy_id

DEMO_PASSWORD = "cordee-demo-2026"  # noqa: S105 - published demo credentials, embedded mode only


@dataclass(frozen=True)
class DemoTenant:
    name: str
    slug: str
    admin: tuple[str, str]
    coach: tuple[str, str]
    member: tuple[str, str]
    cluster: str
    organisations: tuple[tuple[str, str, int], ...]
    weeks_running: int


DEMO_TENANTS = (
    DemoTenant(
        name="Alpine Security Coaching",
        slug="alpine",
        admin=("admin@alpine.example", "Anna Admin"),
        coach=("coach@alpine.example", "Claire Coach"),
        member=("member@muller.example", "Marc Muller"),
        cluster="Luxembourg SMEs 2026",
        organisations=(
            ("Boulangerie Muller", "Food retail", 18),
            ("Kirchberg Dental", "Healthcare", 9),
            ("Moselle Logistics", "Transport", 42),
        ),
        weeks_running=16,
    ),
    DemoTenant(
        name="Harbour Risk Partners",
        slug="harbour",
        admin=("admin@harbour.example", "Hugo Admin"),
        coach=("coach@harbour.example", "Hana Coach"),
        member=("member@quayside.example", "Quinn Quayside"),
        cluster="Harbour Tech Cluster",
        organisations=(
            ("Quayside Software", "Software", 25),
            ("Lighthouse Accounting", "Accounting", 12),
            ("Anchor Print Works", "Printing", 30),
        ),
        weeks_running=3,
    ),
)

ATTENDEES = {0: ["Marc Muller", "Sophie Muller"], 1: ["Dr Lena Weber"], 2: ["Paul Schmit", "Ana Costa"]}
"""Who comes from each member: the second member sends one person only, which the dashboard warns about."""


def seed_demo(services: Services, today: date) -> list[str]:
    """Seeds what is missing and answers the names of the consultancies it created."""
    created = []
    for tenant in DEMO_TENANTS:
        try:
            services.app.get(Consultancy, consultancy_id(tenant.slug), consultancy_id(tenant.slug))
        except NotFound:
            DemoSeeder(services.app, tenant, today).seed()
            created.append(tenant.name)
    services.runner.catch_up()
    return created


class DemoSeeder:
    def __init__(self, app: Cordee, tenant: DemoTenant, today: date) -> None:
        self.app, self.tenant, self.today = app, tenant, today
        self.tenant_id = consultancy_id(tenant.slug)
        self.actor = SYSTEM_ACTOR

    def seed(self) -> None:
        app, actor = self.app, self.actor
        app.create_consultancy(CreateConsultancy(actor, self.tenant.name, self.tenant.slug))
        app.set_single_organisation_baseline(SetSingleOrganisationBaseline(self.tenant_id, actor, 45))
        password = hash_password(DEMO_PASSWORD)
        app.open_account(OpenAccount(self.tenant_id, actor, *self.tenant.admin, password, (Role.CONSULTANCY_ADMIN,)))
        self.coach = app.open_account(
            OpenAccount(self.tenant_id, actor, *self.tenant.coach, password, (Role.COACH,))
        ).aggregate_id
        starts_on = _monday_before(self.today - timedelta(weeks=self.tenant.weeks_running))
        self.cluster_id = app.form_cluster(
            c.FormCluster(
                self.tenant_id, actor, self.tenant.cluster, self.coach, starts_on, starts_on + timedelta(weeks=44)
            )
        ).aggregate_id
        self.members = [self._admit(*organisation) for organisation in self.tenant.organisations]
        app.open_account(
            OpenAccount(self.tenant_id, actor, *self.tenant.member, password, (Role.MEMBER,), self.members[0])
        )
        self._declare(1, starts_on + timedelta(weeks=7), starts_on + timedelta(weeks=8, days=4), "Annual closure")
        app.accept_plan(c.AcceptPlan(self.tenant_id, self.coach, self.cluster_id, starts_on))
        app.start_cluster(c.StartCluster(self.tenant_id, self.coach, self.cluster_id, starts_on))
        self._run_past_sessions()
        self._declare_late_clash()

    def _admit(self, name: str, sector: str, employees: int) -> UUID:
        command = c.RegisterOrganisation(self.tenant_id, self.actor, name, sector, employees)
        organisation_id = self.app.register_organisation(command).aggregate_id
        criteria = AdmissionCriteria(
            small_enterprise=f"{employees} employees, turnover under EUR 10m (annual accounts 2025)",
            management_commitment="Signed commitment letter from the managing director",
            resources_available="An ISMS lead at 20% and a training budget approved",
        )
        self.app.admit_organisation(
            c.AdmitOrganisation(self.tenant_id, self.actor, self.cluster_id, organisation_id, criteria)
        )
        return organisation_id

    def _declare(self, member: int, starts_on: date, ends_on: date, reason: str) -> None:
        self.app.declare_unavailability(
            c.DeclareUnavailability(
                self.tenant_id, self.actor, self.cluster_id, self.members[member], starts_on, ends_on, reason
            )
        )

    def _run_past_sessions(self) -> None:
        """Holds what the plan put before today, in order; logs coaching and gap analyses as they happened."""
        cluster = self.app.get(Cluster, self.tenant_id, self.cluster_id)
        for session in sorted(cluster.sessions.values(), key=lambda s: (s.on, s.key)):
            if session.on >= self.today:
                break
            if session.kind == "coaching" and session.organisation_id is not None:
                self._coach(session.organisation_id, session.on, session.module_number)
            elif session.kind == "gap_analysis" and session.organisation_id is not None:
                self._hold(session.key, session.on, {session.organisation_id: ["Managing director", "ISMS lead"]})
                self._assess(session.organisation_id, session.on)
            else:
                attendance = {m: ATTENDEES[i] for i, m in enumerate(self.members)}
                self._hold(session.key, session.on, attendance, session.half_days)
                if session.module_number in (1, 2):
                    self._feedback(session.key, session.module_number)
        self._coach_towards_ceiling()

    def _hold(self, key: str, on: date, attendance: dict[UUID, list[str]], half_days: int = 1) -> None:
        self.app.hold_session(
            c.HoldSession(self.tenant_id, self.coach, self.cluster_id, key, on, half_days, attendance)
        )

    def _assess(self, organisation_id: UUID, visited_on: date) -> None:
        position = self.members.index(organisation_id)
        clause_levels = {clause: (position + int(clause)) % 3 for clause in CLAUSES}
        theme_levels = {theme: (position + n) % 4 for n, theme in enumerate(THEMES)}
        self.app.assess_gap(
            c.AssessGap(
                self.tenant_id,
                self.coach,
                self.cluster_id,
                organisation_id,
                visited_on,
                visited_on + timedelta(days=2),
                clause_levels,
                theme_levels,
            )
        )

    def _coach(self, organisation_id: UUID, on: date, module_number: int | None) -> None:
        self.app.log_coaching_half_day(
            c.LogCoachingHalfDay(
                self.tenant_id,
                self.coach,
                self.cluster_id,
                organisation_id,
                on,
                self.coach,
                f"Follow-up of module {module_number}" if module_number else "Review of the risk treatment plan",
                "Finish the draft and send it for review",
                module_number,
            )
        )

    def _coach_towards_ceiling(self) -> None:
        """The third member needed much more help: it stands two half-days from its ceiling."""
        if self.tenant.weeks_running < 8:
            return
        cluster = self.app.get(Cluster, self.tenant_id, self.cluster_id)
        member = self.members[2]
        day = cluster.started_on or self.today
        while cluster.members[member].coaching_half_days_used < cluster.coaching_ceiling(member) - 2:
            day += timedelta(days=1)
            if day.weekday() < 5:
                self._coach(member, min(day, self.today), None)
                cluster = self.app.get(Cluster, self.tenant_id, self.cluster_id)

    def _feedback(self, session_key: str, module_number: int) -> None:
        items = [
            (0, "worked", "Working on our own asset list during the session made it concrete.", "Marc Muller"),
            (1, "hard", "The risk scales were hard to agree on within our team.", None),
            (2, "worked", f"Sharing examples from the other members after module {module_number} helped.", None),
        ]
        for member, kind, text, signed_by in items:
            self.app.share_feedback(
                c.ShareFeedback(
                    self.tenant_id,
                    self.actor,
                    self.cluster_id,
                    session_key,
                    self.members[member],
                    kind,
                    text,
                    signed_by,
                )
            )

    def _declare_late_clash(self) -> None:
        """Declared after planning: it falls on the next planned module, and the plan reports the clash."""
        cluster = self.app.get(Cluster, self.tenant_id, self.cluster_id)
        upcoming = [s for s in cluster.sessions.values() if s.is_module and s.on >= self.today]
        if upcoming:
            module = min(upcoming, key=lambda s: s.on)
            self._declare(0, module.on, module.on + timedelta(days=2), "Trade fair in Frankfurt")


def _monday_before(day: date) -> date:
    return day - timedelta(days=day.weekday())


def demo_logins() -> list[tuple[str, str, str]]:
    return [
        (tenant.name, email, DEMO_PASSWORD)
        for tenant in DEMO_TENANTS
        for email, _ in (tenant.admin, tenant.coach, tenant.member)
    ]
