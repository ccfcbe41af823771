"""Demo data: two consultancies, each with a coach and a cluster of three organisations. Idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from uuid import UUID

from backend.auth.passwords import hash_password
from backend.services import Services
from domain.programme.admission import AdmissionCriteria
from domain.programme.commands import (
    AdmitOrganisation,
    FormCluster,
    LogCoachingHalfDay,
    RegisterOrganisation,
    StartCluster,
)
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import NotFound
from domain.tenancy.account import Role
from domain.tenancy.commands import CreateConsultancy, OpenAccount
from domain.tenancy.consultancy import Consultancy, consultancy_id

DEMO_PASSWORD = "cordee-demo-2026"  # noqa: S105 - published demo credentials, embedded mode only


@dataclass(frozen=True)
class DemoTenant:
    name: str
    slug: str
    admin: tuple[str, str]
    coach: tuple[str, str]
    cluster: str
    organisations: tuple[tuple[str, str, int], ...]
    coaching_topics: tuple[str, ...]


DEMO_TENANTS = (
    DemoTenant(
        name="Alpine Security Coaching",
        slug="alpine",
        admin=("admin@alpine.example", "Anna Admin"),
        coach=("coach@alpine.example", "Claire Coach"),
        cluster="Luxembourg SMEs 2026",
        organisations=(
            ("Boulangerie Muller", "Food retail", 18),
            ("Kirchberg Dental", "Healthcare", 9),
            ("Moselle Logistics", "Transport", 42),
        ),
        coaching_topics=("Scope and assets", "Risk assessment method", "Asset inventory review"),
    ),
    DemoTenant(
        name="Harbour Risk Partners",
        slug="harbour",
        admin=("admin@harbour.example", "Hugo Admin"),
        coach=("coach@harbour.example", "Hana Coach"),
        cluster="Harbour Tech Cluster",
        organisations=(
            ("Quayside Software", "Software", 25),
            ("Lighthouse Accounting", "Accounting", 12),
            ("Anchor Print Works", "Printing", 30),
        ),
        coaching_topics=("ISMS policy draft",),
    ),
)


def seed_demo(services: Services, today: date) -> list[str]:
    """Seeds what is missing and answers the names of the consultancies it created."""
    created = []
    for tenant in DEMO_TENANTS:
        try:
            services.app.get(Consultancy, consultancy_id(tenant.slug), consultancy_id(tenant.slug))
        except NotFound:
            _seed_tenant(services, tenant, today)
            created.append(tenant.name)
    services.runner.catch_up()
    return created


def _seed_tenant(services: Services, tenant: DemoTenant, today: date) -> None:
    app, actor = services.app, SYSTEM_ACTOR
    tenant_id = app.create_consultancy(CreateConsultancy(actor, tenant.name, tenant.slug)).aggregate_id
    password = hash_password(DEMO_PASSWORD)
    app.open_account(OpenAccount(tenant_id, actor, *tenant.admin, password, (Role.CONSULTANCY_ADMIN,)))
    coach_id = app.open_account(OpenAccount(tenant_id, actor, *tenant.coach, password, (Role.COACH,))).aggregate_id
    started_on = today - timedelta(weeks=6)
    cluster_id = app.form_cluster(
        FormCluster(tenant_id, actor, tenant.cluster, coach_id, started_on, started_on + timedelta(weeks=40))
    ).aggregate_id
    members = [_admit(services, tenant_id, cluster_id, *organisation) for organisation in tenant.organisations]
    app.start_cluster(StartCluster(tenant_id, actor, cluster_id, started_on))
    for week, topic in enumerate(tenant.coaching_topics):
        for organisation_id in members:
            held_on = started_on + timedelta(weeks=week + 1)
            app.log_coaching_half_day(
                LogCoachingHalfDay(tenant_id, coach_id, cluster_id, organisation_id, held_on, coach_id, topic)
            )


def _admit(services: Services, tenant_id: UUID, cluster_id: UUID, name: str, sector: str, employees: int) -> UUID:
    app, actor = services.app, SYSTEM_ACTOR
    organisation_id = app.register_organisation(
        RegisterOrganisation(tenant_id, actor, name, sector, employees)
    ).aggregate_id
    criteria = AdmissionCriteria(
        small_enterprise=f"{employees} employees, turnover under EUR 10m (annual accounts)",
        management_commitment="Signed commitment letter from the managing director",
        resources_available="An ISMS lead at 20% and a training budget approved",
    )
    app.admit_organisation(AdmitOrganisation(tenant_id, actor, cluster_id, organisation_id, criteria))
    return organisation_id


def demo_logins() -> list[tuple[str, str, str]]:
    return [(tenant.name, email, DEMO_PASSWORD) for tenant in DEMO_TENANTS for email, _ in (tenant.admin, tenant.coach)]
