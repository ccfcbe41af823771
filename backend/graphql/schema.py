"""The schema, composed from the features' root types."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

import strawberry
from graphql import GraphQLError
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.extensions.base_extension import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext
from strawberry.types.base import get_object_definition

from backend.graphql.actions import check_matrix
from backend.graphql.assessment.mutations import AssessmentMutation
from backend.graphql.assessment.queries import AssessmentQuery
from backend.graphql.assets.mutations import AssetsMutation
from backend.graphql.assets.queries import AssetsQuery
from backend.graphql.audits.mutations import AuditsMutation
from backend.graphql.audits.queries import AuditsQuery
from backend.graphql.catalogues.mutations import CataloguesMutation
from backend.graphql.catalogues.queries import CataloguesQuery
from backend.graphql.changes.mutations import ChangesMutation
from backend.graphql.changes.queries import ChangesQuery
from backend.graphql.clusters.mutations import ClustersMutation
from backend.graphql.clusters.queries import ClustersQuery
from backend.graphql.comparison.mutations import ComparisonMutation
from backend.graphql.comparison.queries import ComparisonQuery
from backend.graphql.competence.mutations import CompetenceMutation
from backend.graphql.competence.queries import CompetenceQuery
from backend.graphql.context.mutations import ContextMutation
from backend.graphql.context.queries import ContextQuery
from backend.graphql.core.as_of import ReadAsOf, with_as_of
from backend.graphql.core.errors import (
    REFUSALS,
)
from backend.graphql.core.extensions import MaskUnexpectedErrors, is_expected
from backend.graphql.core.idempotency import IdempotentMutations
from backend.graphql.core.known_documents import DocumentCache, KnownDocuments
from backend.graphql.core.prepare import PrepareOffTheLoop
from backend.graphql.core.snapshot import OneReadTransaction
from backend.graphql.credentials.queries import CredentialsQuery
from backend.graphql.documents.mutations import DocumentsMutation
from backend.graphql.documents.queries import DocumentsQuery
from backend.graphql.engagement.mutations import EngagementMutation
from backend.graphql.evidence.mutations import EvidenceMutation
from backend.graphql.evidence.queries import EvidenceQuery
from backend.graphql.feedback.mutations import FeedbackMutation
from backend.graphql.history.queries import HistoryQuery
from backend.graphql.incidents.mutations import IncidentsMutation
from backend.graphql.incidents.queries import IncidentsQuery
from backend.graphql.isms.queries import IsmsQuery
from backend.graphql.itil.mutations import ItilMutation
from backend.graphql.itil.queries import ItilQuery
from backend.graphql.labels.missions import MissionsMutation, MissionsQuery
from backend.graphql.labels.mutations import LabelsMutation
from backend.graphql.labels.queries import LabelsQuery
from backend.graphql.labels.track_mutations import LabelTrackMutation
from backend.graphql.labels.track_queries import LabelTrackQuery
from backend.graphql.library.mutations import LibraryMutation
from backend.graphql.library.queries import LibraryQuery
from backend.graphql.metrics.mutations import MetricsMutation
from backend.graphql.metrics.queries import MetricsQuery
from backend.graphql.nonconformities.mutations import NonconformitiesMutation
from backend.graphql.nonconformities.queries import NonconformitiesQuery
from backend.graphql.organisations.mutations import OrganisationsMutation
from backend.graphql.organisations.queries import OrganisationsQuery
from backend.graphql.portfolio.queries import PortfolioQuery
from backend.graphql.reviews.mutations import ReviewsMutation
from backend.graphql.reviews.queries import ReviewsQuery
from backend.graphql.risks.mutations import RisksMutation
from backend.graphql.risks.queries import RisksQuery
from backend.graphql.soa.mutations import SoaMutation
from backend.graphql.soa.queries import SoaQuery
from backend.graphql.tenancy.accounts import AccountsMutation, AccountsQuery
from backend.graphql.tenancy.api_tokens import ApiTokensMutation, ApiTokensQuery
from backend.graphql.tenancy.grants import GrantsMutation, GrantsQuery
from backend.graphql.tenancy.mutations import TenancyMutation
from backend.graphql.tenancy.queries import TenancyQuery
from backend.graphql.trail.queries import TrailQuery

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 3000
log = logging.getLogger("cordee.graphql")


FEATURES: tuple[tuple[type, ...], ...] = (
    (OrganisationsQuery, OrganisationsMutation),
    (ClustersQuery, ClustersMutation),
    (EngagementMutation,),
    (AssessmentQuery, AssessmentMutation),
    (FeedbackMutation,),
    (DocumentsQuery, DocumentsMutation),
    (ContextQuery, ContextMutation),
    (AssetsQuery, AssetsMutation),
    (SoaQuery, SoaMutation),
    (ItilQuery, ItilMutation),
    (RisksQuery, RisksMutation),
    (ChangesQuery, ChangesMutation),
    (IncidentsQuery, IncidentsMutation),
    (ReviewsQuery, ReviewsMutation),
    (TenancyQuery, TenancyMutation, AccountsQuery, AccountsMutation, GrantsQuery, GrantsMutation),
    (ApiTokensQuery, ApiTokensMutation),
    (CataloguesQuery, CataloguesMutation),
    (IsmsQuery,),
    (LibraryQuery, LibraryMutation),
    (AuditsQuery, AuditsMutation),
    (NonconformitiesQuery, NonconformitiesMutation),
    (MetricsQuery, MetricsMutation),
    (CompetenceQuery, CompetenceMutation),
    (HistoryQuery,),
    (EvidenceQuery, EvidenceMutation),
    (TrailQuery,),
    (PortfolioQuery,),
    (ComparisonQuery, ComparisonMutation),
    (LabelsQuery, LabelsMutation),
    (CredentialsQuery,),
    (LabelTrackQuery, LabelTrackMutation),
    (MissionsQuery, MissionsMutation),
)
"""Each feature's root types, its reads and its commands: the schema's two roots are merged from this one list."""

Query = merge_types("Query", tuple(root for roots in FEATURES for root in roots if root.__name__.endswith("Query")))
Mutation = merge_types(
    "Mutation", tuple(root for roots in FEATURES for root in roots if root.__name__.endswith("Mutation"))
)
PRESENT_ONLY = frozenset(
    {
        "register_changes",  # compares two moments itself
        # The labels' reads span tenants (a consultancy, a labelling body, the professionals' realm), where the
        # history of a moment is one tenant's: they answer the present only.
        "professional_links",
        "labelling_body",
        "label_scheme",
        "label_tracks",
        "label_track",
        "my_label_tracks",
        "label_evaluations_asked",
        "label_credentials",
        "gathered_mission",
        "regathered_mission",
        "attested_missions",
        "mission_portfolio",
    }
)
with_as_of(get_object_definition(Query, strict=True).fields, leave_out=PRESENT_ONLY)
"""Every read but those of `PRESENT_ONLY` answers as of any past moment (`asOf`)."""


class CordeeSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """A refused document or input is the client's mistake, not the server's: no error log, no trace.
        Unexpected errors are logged, with their trace and request id, where they are masked."""
        for error in errors:
            if is_expected(error):
                log.info("Refused: %s", error.message)


@functools.cache
def build_schema(production: bool = False) -> strawberry.Schema:
    """The schema, built once per process and mode: it depends on the code alone, and every application of the
    process (tests build many) shares it and its cache of known documents."""
    schema = CordeeSchema(
        query=Query,
        mutation=Mutation,
        extensions=_extensions(production),
        types=REFUSALS,
        config=StrawberryConfig(auto_camel_case=True, disable_field_suggestions=production),
    )
    roots = schema._schema.mutation_type, schema._schema.query_type
    check_matrix(*(sorted(root.fields) if root is not None else [] for root in roots))
    return schema


def _extensions(production: bool) -> list[Callable[[], SchemaExtension]]:
    # Factories, not instances: each request gets extensions of its own (the document cache is the schema's).
    known = DocumentCache()
    extensions: list[Callable[[], SchemaExtension]] = [
        lambda: KnownDocuments(known),
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: PrepareOffTheLoop(hide_suggestions=production),
        IdempotentMutations,
        ReadAsOf,
        OneReadTransaction,
        MaskUnexpectedErrors,
    ]
    if production:
        extensions.append(lambda: AddValidationRules([NoSchemaIntrospectionCustomRule]))
    return extensions


def schema_sdl() -> str:
    return build_schema().as_str() + "\n"
