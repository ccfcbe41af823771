"""The application: every command of the product, dispatched by its type to the feature that handles it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from uuid import UUID

from domain.assessment import handlers as assessment
from domain.assessment.commands import AssessGap
from domain.assessment.gap_analysis import GapAnalysis, gap_analysis_id
from domain.assets import handlers as assets
from domain.audits import handlers as audits
from domain.catalogues import handlers as catalogues
from domain.catalogues.catalogue import Catalogue
from domain.catalogues.imported import ImportedCatalogue, imported_catalogue_id
from domain.catalogues.importing import ID_MAX_LENGTH as CATALOGUE_ID_MAX_LENGTH
from domain.catalogues.library import shipped
from domain.changes import handlers as changes
from domain.clusters import handlers as clusters
from domain.clusters.cluster import Cluster
from domain.clusters.membership import check_assessable
from domain.clusters.rules import is_active_member
from domain.clusters.sessions import check_feedback_allowed
from domain.comparison import handlers as comparison
from domain.competence import handlers as competence
from domain.context import handlers as context
from domain.documents import handlers as documents
from domain.documents.document import Document
from domain.documents.ports import BlobStore
from domain.engagement import handlers as engagement
from domain.engagement.engagement import CarriedState, ClusterFacts, Engagement, engagement_id
from domain.engagement.outcome import Outcome
from domain.evidence import handlers as evidence
from domain.feedback import handlers as feedback
from domain.incidents import handlers as incidents
from domain.itil import handlers as itil
from domain.labels import handlers as labels
from domain.labels import link_handlers as professional_links
from domain.labels.body import PROFESSIONALS
from domain.legacy_topics import register_legacy_topics
from domain.library import handlers as library
from domain.metrics import handlers as metrics
from domain.nonconformities import handlers as nonconformities
from domain.organisations import handlers as organisations
from domain.organisations.organisation import Organisation
from domain.programme_template.template import ProgrammeTemplate
from domain.reviews import handlers as reviews
from domain.risks import handlers as risks
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import business_day, latest_date_on_earth, stated_today
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.ports import Handler, LibraryCopy, ReviewInputSection
from domain.shared.public_holidays import Place
from domain.shared.service import CommandService, Saved
from domain.shared.text import single_line
from domain.soa import handlers as soa
from domain.soa.statement import StatementOfApplicability, statement_id
from domain.tenancy import handlers as tenancy
from domain.tenancy.account import Account, Role
from domain.tenancy.consultancy import Consultancy

__all__ = ["HANDLERS", "Cordee", "Saved"]

register_legacy_topics()

FEATURES: list[dict[type, Handler]] = [
    tenancy.HANDLERS,
    organisations.HANDLERS,
    clusters.HANDLERS,
    engagement.HANDLERS,
    assessment.HANDLERS,
    feedback.HANDLERS,
    documents.HANDLERS,
    context.HANDLERS,
    assets.HANDLERS,
    soa.HANDLERS,
    itil.HANDLERS,
    risks.HANDLERS,
    changes.HANDLERS,
    incidents.HANDLERS,
    reviews.HANDLERS,
    catalogues.HANDLERS,
    library.HANDLERS,
    audits.HANDLERS,
    nonconformities.HANDLERS,
    competence.HANDLERS,
    metrics.HANDLERS,
    evidence.HANDLERS,
    comparison.HANDLERS,
    professional_links.HANDLERS,
    labels.HANDLERS,
]
"""Each feature's registry of command handlers; adding a feature adds one line."""

HANDLERS: dict[type, Handler] = {kind: handler for feature in FEATURES for kind, handler in feature.items()}


class Cordee(CommandService):
    """The event store is chosen by the environment given at construction."""

    today: Callable[[], date] = staticmethod(latest_date_on_earth)
    """The business day a command runs on: what "in the future" and "five years ahead" are counted from."""

    def handle(self, cmd: object) -> Saved:
        """Runs the command by its type, on today's business day: the one entry of every command.

        A caller that replays a story (the demo) states the day of each fact itself; that day is kept.
        """
        handler = HANDLERS.get(type(cmd))
        if handler is None:
            raise TypeError(f"No handler for {type(cmd).__name__}.")
        with business_day(stated_today() or self.today()):
            return handler(self, cmd)

    admin_roster: Callable[[UUID], frozenset[UUID]] | None = None
    """The active admins of a consultancy, as its accounts' read model lists them: set by whoever builds the
    application with its read store (`backend/services.py`). Accounts are separate aggregates, so a list of them is
    a read, not a rule of one aggregate."""

    subject_links: Callable[[str, str], UUID | None] | None = None
    """The account linked to a provider's (issuer, subject), in any consultancy, as the accounts' read model knows
    it: set by whoever builds the application with its read store (`backend/services.py`). The link is another
    account's fact, so a read; the read table's unique index refuses a second row besides."""

    coach_roster: Callable[[UUID, UUID], frozenset[UUID]] | None = None
    """The coaches of the clusters an organisation belongs to (withdrawn or not, as the visibility filter counts
    them), as the clusters' read model lists them: set by whoever builds the application with its read store
    (`backend/services.py`). An organisation's clusters are separate aggregates, so a list of them is a read."""

    blob_store: BlobStore | None = None
    """Where attached files are kept: set by whoever builds the application (`backend/services.py`)."""

    review_input_reader: Callable[[UUID, UUID, UUID], tuple[ReviewInputSection, ...]] | None = None
    """A management review's inputs, read from the registers' read models as they stand: set by whoever builds the
    application with its read store (`backend/services.py`). The registers are many aggregates each, so their
    state is a read; the review keeps what was read in its own event, and nothing the client sends."""

    def review_inputs(self, tenant_id: UUID, organisation_id: UUID, review_id: UUID) -> tuple[ReviewInputSection, ...]:
        if self.review_input_reader is None:
            raise RuntimeError("The application was built without the registers' read models.")
        return self.review_input_reader(tenant_id, organisation_id, review_id)

    @property
    def blobs(self) -> BlobStore:
        if self.blob_store is None:
            raise RuntimeError("The application was built without a blob store.")
        return self.blob_store

    def active_admins(self, tenant_id: UUID) -> frozenset[UUID]:
        if self.admin_roster is None:
            raise RuntimeError("The application was built without its accounts' read model.")
        return self.admin_roster(tenant_id)

    def account_linked_to(self, issuer: str, subject: str) -> UUID | None:
        if self.subject_links is None:
            raise RuntimeError("The application was built without its accounts' read model.")
        return self.subject_links(issuer, subject)

    def organisation_coaches(self, tenant_id: UUID, organisation_id: UUID) -> frozenset[UUID]:
        if self.coach_roster is None:
            raise RuntimeError("The application was built without its clusters' read model.")
        return self.coach_roster(tenant_id, organisation_id)

    def library_item(self, tenant_id: UUID, item_id: UUID, field: str) -> LibraryCopy:
        return library.library_copy(self, tenant_id, item_id, field)

    def check_coach(self, tenant_id: UUID, coach_id: UUID, field: str) -> None:
        coach = self.get(Account, tenant_id, coach_id, field)
        if not coach.has_role(Role.COACH):
            raise ValidationFailed(field, "This account is not a coach.")
        if not coach.active:
            raise ValidationFailed(field, "This coach's account is deactivated.")

    def account_name(self, tenant_id: UUID, account_id: UUID) -> str:
        return self.get(Account, tenant_id, account_id).display_name

    def account_email(self, tenant_id: UUID, account_id: UUID) -> str:
        return self.get(Account, tenant_id, account_id).email

    def tenant_name(self, tenant_id: UUID) -> str:
        return self.get(Consultancy, tenant_id, tenant_id, "tenant_id").name

    def cluster_size_limit(self, tenant_id: UUID) -> int | None:
        return self.get(Consultancy, tenant_id, tenant_id, "tenant_id").cluster_size_limit

    def current_template(self, tenant_id: UUID) -> ProgrammeTemplate:
        return self.get(Consultancy, tenant_id, tenant_id, "tenant_id").template

    def engagement_facts(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> ClusterFacts:
        cluster = clusters.load_cluster(self, tenant_id, cluster_id)
        member = cluster.members.get(organisation_id)
        if member is None:
            raise ValidationFailed("organisation_id", "This organisation is not a member of the cluster.")
        template = cluster.template
        return ClusterFacts(
            status=cluster.status,
            started_on=cluster.started_on,
            member_active=is_active_member(member.withdrawn),
            base_ceiling=template.coaching_ceiling_half_days if template else 0,
            module_count=len(template.modules) if template else 0,
        )

    def carried_engagement(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> CarriedState:
        cluster = clusters.load_cluster(self, tenant_id, cluster_id)
        member = cluster.members[organisation_id]
        return CarriedState(
            half_days_used=member.coaching_half_days_used,
            half_days_granted=member.coaching_half_days_granted,
            outcome=member.outcome,
            isms_established_on=member.isms_established_on,
            audit_planned_on=member.audit_planned_on,
        )

    def engagement(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> Engagement | None:
        """The member's engagement, or None until its first command (see `domain/engagement/engagement.py`)."""
        found = engagement_id(tenant_id, cluster_id, organisation_id)
        return self.get(Engagement, tenant_id, found) if self.exists(Engagement, tenant_id, found) else None

    def engagement_outcome(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> Outcome | None:
        member = self.engagement(tenant_id, cluster_id, organisation_id)
        return member.outcome if member else None

    def gap_analysis_recorded(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> bool:
        return self.exists(GapAnalysis, tenant_id, gap_analysis_id(tenant_id, cluster_id, organisation_id))

    def check_slot_not_coached(self, cluster: Cluster, session_key: str) -> None:
        """A member's coaching slot is held once coaching is logged for its module (in the member's engagement)."""
        session = cluster.sessions.get(session_key)
        if session is None or session.kind != "coaching" or session.organisation_id is None:
            return
        member = self.engagement(cluster.tenant_id, cluster.id, session.organisation_id)
        if member is not None and session.module_number in member.coached_modules:
            raise ValidationFailed("session_key", "This session is already held.")

    def save_all(self, aggregates: list[TenantAggregate]) -> Saved:
        """Saves the aggregates in one transaction (an imported file: all its assets or none)."""
        recordings = self.save(*aggregates)
        positions = [r.notification.id for r in recordings]
        return Saved(aggregates[0].id, max(positions, default=0), min(positions, default=0))

    def catalogue_in_view(self, tenant_id: UUID, catalogue_id: str, field: str) -> tuple[Catalogue, str]:
        """A shipped catalogue with its version, or the current import of one of the consultancy's with its number;
        another consultancy's catalogue is in another namespace, so it is answered as a missing one."""
        found = shipped().catalogue(catalogue_id)
        if found is not None:
            return found, found.version
        single_line(field, catalogue_id, CATALOGUE_ID_MAX_LENGTH)
        imported = imported_catalogue_id(tenant_id, catalogue_id)
        if not self.exists(ImportedCatalogue, tenant_id, imported):
            raise NotFound("No catalogue with this id.", field)
        catalogue = self.get(ImportedCatalogue, tenant_id, imported, field)
        return catalogue.current, str(catalogue.latest_version)

    def check_organisation(self, tenant_id: UUID, organisation_id: UUID) -> None:
        self.get(Organisation, tenant_id, organisation_id, "organisation_id")

    def check_documents(self, tenant_id: UUID, organisation_id: UUID, document_ids: Sequence[UUID], field: str) -> None:
        """Another organisation's document is answered as a missing one."""
        for document_id in document_ids:
            if self.get(Document, tenant_id, document_id, field).organisation_id != organisation_id:
                raise NotFound("No document with this id.", field)  # as a missing one: no existence oracle

    def gap_baseline(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> dict[str, int]:
        found = gap_analysis_id(tenant_id, cluster_id, organisation_id)
        return (
            dict(self.get(GapAnalysis, tenant_id, found).levels) if self.exists(GapAnalysis, tenant_id, found) else {}
        )

    def assessed_gap(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        cluster_id: UUID,
        organisation_id: UUID,
        dates: tuple[date, date],
        clause_levels: dict[str, int],
        theme_levels: dict[str, int],
    ) -> TenantAggregate:
        cmd = AssessGap(tenant_id, actor_id, cluster_id, organisation_id, *dates, clause_levels, theme_levels)
        return assessment.assessed(self, cmd)

    def check_document_of(self, tenant_id: UUID, organisation_id: UUID, document_id: UUID, field: str) -> None:
        self.check_documents(tenant_id, organisation_id, [document_id], field)

    def check_assets(self, tenant_id: UUID, organisation_id: UUID, asset_ids: tuple[UUID, ...], field: str) -> None:
        for asset_id in asset_ids:
            asset = assets.load_asset(self, tenant_id, organisation_id, asset_id, field)
            if asset.retired:
                raise ValidationFailed(field, f"{asset.described.name} is retired.")

    def check_risks(self, tenant_id: UUID, organisation_id: UUID, risk_ids: tuple[UUID, ...], field: str) -> None:
        for risk_id in risk_ids:
            risks.load_risk(self, tenant_id, organisation_id, risk_id, field)

    def organisation_name(self, tenant_id: UUID, organisation_id: UUID) -> str:
        return self.get(Organisation, tenant_id, organisation_id).name

    def organisation_place(self, tenant_id: UUID, organisation_id: UUID) -> Place:
        organisation = self.get(Organisation, tenant_id, organisation_id)
        return organisation.country, organisation.region

    def assessable_member_ceiling(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> int:
        cluster = clusters.load_cluster(self, tenant_id, cluster_id)
        check_assessable(cluster.members, cluster.status, organisation_id)
        return (cluster.template or self.current_template(tenant_id)).coaching_ceiling_half_days

    def check_feedback_allowed(
        self, tenant_id: UUID, cluster_id: UUID, session_key: str, organisation_id: UUID
    ) -> None:
        cluster = clusters.load_cluster(self, tenant_id, cluster_id)
        check_feedback_allowed(cluster.members, cluster.sessions, session_key, organisation_id)

    def check_member_account(self, tenant_id: UUID, organisation_id: UUID, account_id: UUID, field: str) -> None:
        """Another organisation's account, a consultancy's or a deactivated one is answered as a missing one."""
        missing = NotFound("No active member account of the organisation with this id.", field)
        try:
            account = self.get(Account, tenant_id, account_id, field)
        except NotFound:
            raise missing from None
        if not account.has_role(Role.MEMBER) or account.organisation_id != organisation_id or not account.active:
            raise missing

    def check_person_of(self, tenant_id: UUID, organisation_id: UUID, account_id: UUID, field: str) -> None:
        """One of the organisation's active member accounts, an active coach of a cluster it belongs to, or an
        active admin of the consultancy (an internal audit may be done by the consultancy). A coach of another
        cluster is answered as a missing account: the organisation's registers are out of their view."""
        missing = NotFound("No active account of the organisation, of its coach or of its consultancy's admins.", field)
        try:
            account = self.get(Account, tenant_id, account_id, field)
        except NotFound:
            raise missing from None
        if not account.active:
            raise missing
        if account.has_role(Role.MEMBER):
            if account.organisation_id != organisation_id:
                raise missing
            return
        if account.has_role(Role.CONSULTANCY_ADMIN):
            return
        if not account.has_role(Role.COACH) or account_id not in self.organisation_coaches(tenant_id, organisation_id):
            raise missing

    def organisation_catalogue(self, tenant_id: UUID, organisation_id: UUID) -> Catalogue:
        """The catalogue of the organisation's Statement of Applicability, or ISO/IEC 27001:2022 without one."""
        found = statement_id(tenant_id, organisation_id)
        chosen = (
            self.get(StatementOfApplicability, tenant_id, found).catalogue_id
            if self.exists(StatementOfApplicability, tenant_id, found)
            else "iso27001-2022"
        )
        catalogue = shipped().catalogue(chosen) or shipped().catalogue("iso27001-2022")
        assert catalogue is not None
        return catalogue

    def check_admitted(self, tenant_id: UUID, cluster_id: UUID, organisation_id: UUID) -> None:
        cluster = clusters.load_cluster(self, tenant_id, cluster_id)
        if organisation_id not in cluster.members:
            raise ValidationFailed("cluster_id", "The organisation was not admitted to this cluster.")

    def professional_name(self, professional_id: UUID) -> str:
        """A professional's name, as their account in the professionals' realm gives it."""
        return self.get(Account, PROFESSIONALS, professional_id, "professional_id").display_name
