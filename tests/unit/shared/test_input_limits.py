"""docs/input-limits.md is the truth: every free-text and date argument of every command is listed there, and each
behaves as listed, through the application, writing nothing when refused."""

from __future__ import annotations

import dataclasses
import tempfile
import types
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from enum import Enum
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints
from uuid import UUID, uuid4

import pytest

from backend.blobs import DirectoryBlobStore
from domain.assessment import commands as assessment_commands
from domain.assessment.commands import AssessGap
from domain.assessment.gap_analysis import CLAUSES, THEMES
from domain.assets import commands as assets_commands
from domain.assets.commands import (
    AddAssetDependency,
    ClassifyAsset,
    DescribeAsset,
    RegisterAsset,
    RemoveAssetDependency,
    RetireAsset,
)
from domain.audits import commands as audits_commands
from domain.catalogues import commands as catalogues_commands
from domain.changes import commands as changes_commands
from domain.clusters import commands as clusters_commands
from domain.clusters.commands import (
    AcceptPlan,
    AdmitOrganisation,
    CancelSession,
    ChangeClusterDetails,
    CloseCluster,
    DeclareUnavailability,
    FormCluster,
    HoldSession,
    MoveSession,
    RestoreSession,
    RetractUnavailability,
    StartCluster,
    UndoSessionHeld,
    WithdrawMember,
)
from domain.competence import commands as competence_commands
from domain.context import commands as context_commands
from domain.documents import commands as documents_commands
from domain.engagement import commands as engagement_commands
from domain.engagement.commands import (
    CorrectCoachingEntry,
    LogCoachingHalfDay,
    PlanCertificationAudit,
    RaiseCoachingCeiling,
    RecordCertified,
    RecordIsmsEstablished,
    VoidCoachingEntry,
)
from domain.evidence import commands as evidence_commands
from domain.feedback import commands as feedback_commands
from domain.feedback.commands import HideFeedback, ShareFeedback, UnhideFeedback
from domain.incidents import commands as incidents_commands
from domain.itil import commands as itil_commands
from domain.itil.commands import ConfirmGapProposals, DeclareItilPractice, WithdrawItilPractice
from domain.itil.declarations import ItilDeclarations, itil_declarations_id
from domain.labels import link_commands
from domain.labels.link_commands import CreateLabellingBody, RequestProfessionalLink
from domain.library import commands as library_commands
from domain.metrics import commands as metrics_commands
from domain.nonconformities import commands as nonconformities_commands
from domain.organisations import commands as organisations_commands
from domain.organisations.commands import ChangeOrganisationDetails, RegisterOrganisation
from domain.programme_template.template import DEFAULT_TEMPLATE
from domain.reviews import commands as reviews_commands
from domain.risks import commands as risks_commands
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import DomainError, ValidationFailed
from domain.soa import commands as soa_commands
from domain.tenancy import commands as tenancy_commands
from domain.tenancy.account import Role, account_id
from domain.tenancy.commands import (
    AcceptInvitation,
    ChangePassword,
    ChangeProgrammeTemplate,
    CreateConsultancy,
    DeactivateAccount,
    InviteAccount,
    IssueApiToken,
    IssueCalendarKey,
    IssueInvitation,
    OpenAccount,
    ReactivateAccount,
    RecordSecondFactor,
    RegisterIntegrationClient,
    ResetPassword,
    RevokeIntegrationClient,
)
from tests.conftest import TEST_DAY
from tests.unit.audits.limits_support import (
    AUDIT_CHOICE_CALLS,
    AUDIT_CHOICES_REFUSED_AS,
    AUDIT_DATE_CALLS,
    AUDIT_HAPPENED,
    AUDIT_PREPARED,
    AUDIT_TEXT_CALLS,
)
from tests.unit.catalogues.limits_support import CATALOGUE_CHOICE_CALLS, CATALOGUE_TEXT_CALLS
from tests.unit.changes.limits_support import (
    CHANGE_CHOICE_CALLS,
    CHANGE_CHOICE_PREPARED,
    CHANGE_DATE_BOUNDS,
    CHANGE_DATE_CALLS,
    CHANGE_PREPARED,
    CHANGE_TEXT_CALLS,
)
from tests.unit.competence.limits_support import (
    COMPETENCE_DATE_CALLS,
    COMPETENCE_HAPPENED,
    COMPETENCE_PREPARED,
    COMPETENCE_TEXT_CALLS,
)
from tests.unit.context.limits_support import (
    CONTEXT_CHOICE_CALLS,
    CONTEXT_DATE_CALLS,
    CONTEXT_PREPARED,
    CONTEXT_TEXT_CALLS,
)
from tests.unit.evidence.limits_support import EVIDENCE_DATE_BOUNDS, EVIDENCE_DATE_CALLS
from tests.unit.incidents.limits_support import (
    AT,
    FOLLOWS_A_STEP,
    INCIDENT_CHOICE_CALLS,
    INCIDENT_CHOICE_PREPARED,
    INCIDENT_PREPARED,
    INCIDENT_TEXT_CALLS,
    INCIDENT_TIME_CALLS,
    prepare_incidents,
)
from tests.unit.library.limits_support import LIBRARY_CHOICE_CALLS, LIBRARY_PREPARED, LIBRARY_TEXT_CALLS
from tests.unit.metrics.limits_support import (
    METRIC_CHOICE_CALLS,
    METRIC_DATE_CALLS,
    METRIC_HAPPENED,
    METRIC_PREPARED,
    METRIC_TEXT_CALLS,
)
from tests.unit.programme_scenario import EVIDENCE, Scenario
from tests.unit.reviews.limits_support import (
    REVIEW_CHOICE_CALLS,
    REVIEW_DATE_CALLS,
    REVIEW_DATES_REFUSED_AS,
    REVIEW_PREPARED,
    REVIEW_TEXT_CALLS,
)
from tests.unit.risks.limits_support import (
    RISK_CHOICE_CALLS,
    RISK_CHOICE_PREPARED,
    RISK_CHOICES_REFUSED_AS,
    RISK_DATE_CALLS,
    RISK_PREPARED,
    RISK_TEXT_CALLS,
)
from tests.unit.soa.limits_support import SOA_CHOICE_CALLS, SOA_PREPARED, SOA_TEXT_CALLS
from tests.unit.tenancy.limits_support import (
    GRANT_DATE_BOUNDS,
    GRANT_DATE_CALLS,
    GRANT_DATE_PREPARED,
    GRANT_PREPARED,
    GRANT_TEXT_CALLS,
)
from tests.unit.tenancy.sso_limits_support import (
    SSO_CHOICE_CALLS,
    SSO_CHOICES_REFUSED_AS,
    SSO_PREPARED,
    SSO_TEXT_CALLS,
)

DOC = Path(__file__).parents[3] / "docs" / "input-limits.md"
COMMAND_MODULES = (
    tenancy_commands,
    organisations_commands,
    clusters_commands,
    engagement_commands,
    assessment_commands,
    feedback_commands,
    documents_commands,
    context_commands,
    assets_commands,
    soa_commands,
    itil_commands,
    risks_commands,
    changes_commands,
    incidents_commands,
    reviews_commands,
    catalogues_commands,
    library_commands,
    audits_commands,
    nonconformities_commands,
    competence_commands,
    metrics_commands,
    evidence_commands,
    link_commands,
)


# The page


@dataclass(frozen=True)
class Row:
    command: str
    argument: str
    refused_as: str
    several_lines: bool
    required: bool
    maximum: int


def _section(title: str) -> str:
    return DOC.read_text().split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def _table_rows(text: str) -> Iterator[list[str]]:
    for line in text.splitlines():
        if line.startswith("| `"):
            yield [cell.strip().strip("`") for cell in line.strip("|").split("|")]


def _tables(text: str) -> list[str]:
    """The section's tables, each as its text."""
    return [block for block in text.split("\n\n") if block.startswith("|")]


FREE_TEXT_TABLE, CHOICE_TABLE = _tables(_section("Free text"))
ROWS = [
    Row(command, argument, refused_as, lines == "several", required == "yes", int(maximum))
    for command, argument, refused_as, lines, required, maximum in _table_rows(FREE_TEXT_TABLE)
]
CHOICES = {(cells[0], cells[1]) for cells in _table_rows(CHOICE_TABLE)}
DATES = {(cells[0], cells[1]) for cells in _table_rows(_section("Dates"))}
TIMES = {(cells[0], cells[1]) for cells in _table_rows(_section("Times"))}


# The commands


def _arguments(kind: type, prefix: str = "") -> Iterator[tuple[str, Any]]:
    """(path, type) of every argument, nested ones dotted, items of a collection as `[]`."""
    for name, hint in get_type_hints(kind).items():
        yield from _walk(f"{prefix}{name}", hint)


def _walk(path: str, hint: Any) -> Iterator[tuple[str, Any]]:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        for arg in args:
            if arg is not type(None):
                yield from _walk(path, arg)
    elif origin in (tuple, list):
        yield from _walk(f"{path}[]", args[0])
    elif origin is dict:
        yield from _walk(path, args[1])
    elif dataclasses.is_dataclass(hint):
        yield from _arguments(hint, f"{path}.")
    else:
        yield path, hint


def _commands() -> Iterator[type]:
    for module in COMMAND_MODULES:
        for value in vars(module).values():
            if dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
                yield value  # type: ignore[misc]


def _arguments_of_type(wanted: type) -> set[tuple[str, str]]:
    """(command, argument) of every argument of this type; enumerations are choices the types already bound."""
    return {
        (command.__name__, path)
        for command in _commands()
        for path, hint in _arguments(command)
        if isinstance(hint, type) and issubclass(hint, wanted) and not issubclass(hint, Enum)
    }


def test_every_text_argument_of_every_command_is_on_the_page() -> None:
    listed = {(row.command, row.argument) for row in ROWS}
    assert _arguments_of_type(str) == listed | CHOICES
    assert not listed & CHOICES


def test_every_date_argument_of_every_command_is_on_the_page() -> None:
    assert _arguments_of_type(date) - _arguments_of_type(datetime) == DATES


def test_every_time_argument_of_every_command_is_on_the_page() -> None:
    assert _arguments_of_type(datetime) == TIMES


# Calling each command with the text to try in one argument


def _template(s: Scenario, **changes: Any) -> object:
    return s.app.handle(ChangeProgrammeTemplate(s.tenant, SYSTEM_ACTOR, replace(DEFAULT_TEMPLATE, **changes)))


def _coaching(s: Scenario, work_done: str = "Risk register", next_steps: str = "") -> object:
    command = LogCoachingHalfDay(
        s.tenant, s.coach, s.running, s.members[0], s.started_on, s.coach, work_done, next_steps
    )
    return s.app.handle(command)


def _feedback(s: Scenario, text: str = "Clear", signed_by: str | None = None) -> object:
    share = ShareFeedback(s.tenant, SYSTEM_ACTOR, s.running, "initial-training", s.members[1], "hard", text, signed_by)
    return s.app.handle(share)


def _admit(criterion: str) -> Callable[[Scenario, str], object]:
    def call(s: Scenario, text: str) -> object:
        criteria = replace(EVIDENCE, **{criterion: text})
        return s.app.handle(AdmitOrganisation(s.tenant, SYSTEM_ACTOR, s.forming, s.members[3], criteria))

    return call


def _correct(s: Scenario, held_on: date | None = None, **texts: str) -> object:
    given = {"work_done": "Scope and assets", "next_steps": "", "reason": "Wrong notes", **texts}
    correction = CorrectCoachingEntry(s.tenant, s.coach, s.running, s.members[0], 1, held_on or s.started_on, **given)
    return s.app.handle(correction)


def _retract(s: Scenario, starts_on: date) -> object:
    """Retracts a period from `starts_on`, declared just before when that day is a business date."""
    if FIRST <= starts_on <= LAST:
        s.app.handle(
            DeclareUnavailability(s.tenant, SYSTEM_ACTOR, s.running, s.members[0], starts_on, starts_on, "Fair")
        )
    return s.app.handle(RetractUnavailability(s.tenant, SYSTEM_ACTOR, s.running, s.members[0], starts_on, "Mistake"))


KEY_HASH = "a" * 64

_ASSETS: dict[int, tuple[UUID, UUID]] = {}
"""A server and a shop depending on it, registered for a scenario (by its id) before its texts are tried."""


def _prepare_assets(s: Scenario) -> None:
    server = s.app.handle(RegisterAsset(s.tenant, SYSTEM_ACTOR, s.members[0], "Server", "hardware", "IT")).aggregate_id
    shop = s.app.handle(RegisterAsset(s.tenant, SYSTEM_ACTOR, s.members[0], "Shop", "saas", "Sales")).aggregate_id
    s.app.handle(AddAssetDependency(s.tenant, SYSTEM_ACTOR, s.members[0], shop, server))
    _ASSETS[id(s)] = (server, shop)


def _asset(s: Scenario, **texts: str | None) -> object:
    given: dict[str, str | None] = {"name": "Till", "kind": "hardware", "owner": "Shop", **texts}
    return s.app.handle(RegisterAsset(s.tenant, SYSTEM_ACTOR, s.members[0], **given))  # type: ignore[arg-type]


def _declare_itil(s: Scenario, **texts: str) -> object:
    given = {"item": "incident-management", "evidence": "Help-desk tickets", **texts}
    return s.app.handle(DeclareItilPractice(s.tenant, SYSTEM_ACTOR, s.members[0], **given))


def _confirm_itil(s: Scenario, day: date, visited_on: date, analysed_on: date) -> object:
    """Confirms the proposals of a declaration made just before, when `day` could be a fact's date."""
    if FIRST <= day <= TEST_DAY and not s.app.exists(
        ItilDeclarations, s.tenant, itil_declarations_id(s.tenant, s.members[0])
    ):
        _declare_itil(s)
    confirm = ConfirmGapProposals(s.tenant, s.coach, s.running, s.members[0], visited_on, analysed_on, *LEVELS)
    return s.app.handle(confirm)


def _describe(s: Scenario, **texts: str | None) -> object:
    given: dict[str, str | None] = {"name": "Server", "kind": "hardware", "owner": "IT", **texts}
    server = _ASSETS[id(s)][0] if id(s) in _ASSETS else uuid4()
    return s.app.handle(DescribeAsset(s.tenant, SYSTEM_ACTOR, s.members[0], server, **given))  # type: ignore[arg-type]


def _invite(s: Scenario, email: str = "ana@alpine.example", name: str = "Ana") -> object:
    return s.app.handle(InviteAccount(s.tenant, SYSTEM_ACTOR, email, name, Role.COACH, KEY_HASH))


CLIENT = uuid.UUID("00000000-0000-4000-8000-00000000c1e7")


def _pat(s: Scenario, name: str = "Reports", scopes: tuple[str, ...] = ("read",), **given: Any) -> object:
    expires_on, key_hash = given.get("expires_on", TEST_DAY + timedelta(days=30)), given.get("key_hash", KEY_HASH)
    return s.app.handle(IssueApiToken(s.tenant, s.coach, uuid.uuid4(), name, scopes, expires_on, key_hash))


def _client(s: Scenario, name: str = "Icinga", scopes: tuple[str, ...] = ("read",), key_hash: str = KEY_HASH) -> object:
    command = RegisterIntegrationClient(s.tenant, SYSTEM_ACTOR, uuid.uuid4(), name, s.members[0], scopes, key_hash)
    return s.app.handle(command)


def _register_client(s: Scenario) -> None:
    s.app.handle(RegisterIntegrationClient(s.tenant, SYSTEM_ACTOR, CLIENT, "Icinga", s.members[0], ("read",), KEY_HASH))


def _deactivate_coach(s: Scenario) -> None:
    s.app.handle(DeactivateAccount(s.tenant, SYSTEM_ACTOR, s.coach, "Left the consultancy"))


def _document(s: Scenario, up_to: str = "draft") -> None:
    """A document of the first member, its version 1 brought up to `up_to`; its id kept as `s.document_id`."""
    organisation = s.members[0]
    created = s.app.handle(
        documents_commands.CreateDocument(s.tenant, SYSTEM_ACTOR, organisation, "policy", "A", "B", "C")
    )
    key = (s.tenant, SYSTEM_ACTOR, organisation, created.aggregate_id)
    by_manager = (s.tenant, s.coach, organisation, created.aggregate_id)
    steps = [
        documents_commands.SubmitVersion(*key, 1),
        documents_commands.ApproveVersion(*by_manager, 1, TEST_DAY + timedelta(days=30)),
        documents_commands.PublishVersion(*by_manager, 1, False),
    ]
    for step in steps[: ["draft", "submitted", "approved", "published"].index(up_to)]:
        s.app.handle(step)
    s.app.blob_store = DirectoryBlobStore(Path(tempfile.mkdtemp()))
    setattr(s, "document_id", created.aggregate_id)  # noqa: B010 - the scenario knows no documents


def _on_document(s: Scenario) -> tuple[Any, ...]:
    return (s.tenant, SYSTEM_ACTOR, s.members[0], getattr(s, "document_id"))  # noqa: B009


TextCall = Callable[[Scenario, str], object]
TEXT_CALLS: dict[tuple[str, str], TextCall] = {
    ("CreateConsultancy", "name"): lambda s, t: s.app.handle(CreateConsultancy(SYSTEM_ACTOR, t, "other")),
    ("CreateConsultancy", "slug"): lambda s, t: s.app.handle(CreateConsultancy(SYSTEM_ACTOR, "Other", t)),
    ("CreateLabellingBody", "name"): lambda s, t: s.app.handle(CreateLabellingBody(SYSTEM_ACTOR, t, "board")),
    ("CreateLabellingBody", "slug"): lambda s, t: s.app.handle(CreateLabellingBody(SYSTEM_ACTOR, "Board", t)),
    ("RequestProfessionalLink", "email"): lambda s, t: s.app.handle(
        RequestProfessionalLink(s.tenant, SYSTEM_ACTOR, s.coach, t)
    ),
    ("OpenAccount", "email"): lambda s, t: s.app.handle(
        OpenAccount(s.tenant, SYSTEM_ACTOR, t, "Ana", "$argon2id$x", (Role.COACH,))
    ),
    ("OpenAccount", "display_name"): lambda s, t: s.app.handle(
        OpenAccount(s.tenant, SYSTEM_ACTOR, "ana@alpine.example", t, "$argon2id$x", (Role.COACH,))
    ),
    ("OpenAccount", "password_hash"): lambda s, t: s.app.handle(
        OpenAccount(s.tenant, SYSTEM_ACTOR, "ana@alpine.example", "Ana", t, (Role.COACH,))
    ),
    ("ChangePassword", "password_hash"): lambda s, t: s.app.handle(ChangePassword(s.tenant, s.coach, t)),
    ("ChangeProgrammeTemplate", "template.modules[]"): lambda s, t: _template(s, modules=(t, "Risk assessment")),
    ("ChangeProgrammeTemplate", "template.time_zone"): lambda s, t: _template(s, time_zone=t),
    ("RegisterOrganisation", "name"): lambda s, t: s.app.handle(
        RegisterOrganisation(s.tenant, SYSTEM_ACTOR, t, "Retail", 9)
    ),
    ("RegisterOrganisation", "sector"): lambda s, t: s.app.handle(
        RegisterOrganisation(s.tenant, SYSTEM_ACTOR, "New org", t, 9)
    ),
    ("ChangeOrganisationDetails", "sector"): lambda s, t: s.app.handle(
        ChangeOrganisationDetails(s.tenant, SYSTEM_ACTOR, s.members[0], t, 9, "LU", None)
    ),
    ("FormCluster", "name"): lambda s, t: s.app.handle(FormCluster(s.tenant, SYSTEM_ACTOR, t, s.coach)),
    ("ChangeClusterDetails", "name"): lambda s, t: s.app.handle(
        ChangeClusterDetails(s.tenant, SYSTEM_ACTOR, s.running, t, s.coach, "Merged with another region")
    ),
    ("ChangeClusterDetails", "reason"): lambda s, t: s.app.handle(
        ChangeClusterDetails(s.tenant, SYSTEM_ACTOR, s.running, "North", s.coach, t)
    ),
    ("InviteAccount", "email"): lambda s, t: _invite(s, email=t),
    ("IssueApiToken", "name"): lambda s, t: _pat(s, name=t),
    ("RegisterIntegrationClient", "name"): lambda s, t: _client(s, name=t),
    ("RevokeIntegrationClient", "reason"): lambda s, t: s.app.handle(
        RevokeIntegrationClient(s.tenant, SYSTEM_ACTOR, CLIENT, t)
    ),
    ("InviteAccount", "display_name"): lambda s, t: _invite(s, name=t),
    ("DeactivateAccount", "reason"): lambda s, t: s.app.handle(DeactivateAccount(s.tenant, SYSTEM_ACTOR, s.coach, t)),
    ("ReactivateAccount", "reason"): lambda s, t: s.app.handle(ReactivateAccount(s.tenant, SYSTEM_ACTOR, s.coach, t)),
    **GRANT_TEXT_CALLS,
    **{("AdmitOrganisation", f"criteria.{f.name}"): _admit(f.name) for f in dataclasses.fields(EVIDENCE)},
    ("WithdrawMember", "reason"): lambda s, t: s.app.handle(
        WithdrawMember(s.tenant, SYSTEM_ACTOR, s.running, s.members[0], s.started_on, t)
    ),
    ("DeclareUnavailability", "reason"): lambda s, t: s.app.handle(
        DeclareUnavailability(s.tenant, SYSTEM_ACTOR, s.running, s.members[0], date(2026, 9, 1), date(2026, 9, 2), t)
    ),
    ("MoveSession", "reason"): lambda s, t: s.app.handle(
        MoveSession(s.tenant, s.coach, s.running, s.scheduled("gap_analysis"), s.started_on, "afternoon", t)
    ),
    ("HoldSession", "attendance[]"): lambda s, t: s.app.handle(
        HoldSession(s.tenant, s.coach, s.running, "module:1", s.started_on, 1, {s.members[0]: [t, "Ben"]})
    ),
    ("CancelSession", "reason"): lambda s, t: s.app.handle(CancelSession(s.tenant, s.coach, s.running, "module:2", t)),
    ("LogCoachingHalfDay", "work_done"): lambda s, t: _coaching(s, work_done=t),
    ("LogCoachingHalfDay", "next_steps"): lambda s, t: _coaching(s, next_steps=t),
    ("RaiseCoachingCeiling", "reason"): lambda s, t: s.app.handle(
        RaiseCoachingCeiling(s.tenant, SYSTEM_ACTOR, s.running, s.members[0], 2, t)
    ),
    ("PlanCertificationAudit", "certification_body"): lambda s, t: s.app.handle(
        PlanCertificationAudit(s.tenant, SYSTEM_ACTOR, s.running, s.members[1], s.started_on, t)
    ),
    ("RecordCertified", "certificate_reference"): lambda s, t: s.app.handle(
        RecordCertified(s.tenant, SYSTEM_ACTOR, s.running, s.members[2], s.started_on, t)
    ),
    ("ShareFeedback", "text"): lambda s, t: _feedback(s, text=t),
    ("ShareFeedback", "signed_by"): lambda s, t: _feedback(s, signed_by=t),
    ("UnhideFeedback", "reason"): lambda s, t: s.app.handle(
        UnhideFeedback(s.tenant, s.coach, s.running, s.hidden_feedback_item, t)
    ),
    ("HideFeedback", "reason"): lambda s, t: s.app.handle(
        HideFeedback(s.tenant, s.coach, s.running, s.feedback_item, t)
    ),
    ("RetractUnavailability", "reason"): lambda s, t: s.app.handle(
        RetractUnavailability(s.tenant, SYSTEM_ACTOR, s.running, s.members[1], s.unavailable_from, t)
    ),
    ("UndoSessionHeld", "reason"): lambda s, t: s.app.handle(
        UndoSessionHeld(s.tenant, s.coach, s.running, "initial-training", t)
    ),
    ("RestoreSession", "reason"): lambda s, t: s.app.handle(
        RestoreSession(s.tenant, s.coach, s.running, s.cancelled_session, t)
    ),
    ("CorrectCoachingEntry", "work_done"): lambda s, t: _correct(s, work_done=t),
    ("CorrectCoachingEntry", "next_steps"): lambda s, t: _correct(s, next_steps=t),
    ("CorrectCoachingEntry", "reason"): lambda s, t: _correct(s, reason=t),
    ("VoidCoachingEntry", "reason"): lambda s, t: s.app.handle(
        VoidCoachingEntry(s.tenant, s.coach, s.running, s.members[0], 1, t)
    ),
    ("CreateDocument", "title"): lambda s, t: s.app.handle(
        documents_commands.CreateDocument(s.tenant, SYSTEM_ACTOR, s.members[0], "policy", t, "CISO", "Text")
    ),
    ("CreateDocument", "owner"): lambda s, t: s.app.handle(
        documents_commands.CreateDocument(s.tenant, SYSTEM_ACTOR, s.members[0], "policy", "Access", t, "Text")
    ),
    ("CreateDocument", "text"): lambda s, t: s.app.handle(
        documents_commands.CreateDocument(s.tenant, SYSTEM_ACTOR, s.members[0], "policy", "Access", "CISO", t)
    ),
    ("DraftVersion", "text"): lambda s, t: s.app.handle(documents_commands.DraftVersion(*_on_document(s), t)),
    ("ReviseDraft", "text"): lambda s, t: s.app.handle(documents_commands.ReviseDraft(*_on_document(s), 1, t)),
    ("RejectVersion", "reason"): lambda s, t: s.app.handle(documents_commands.RejectVersion(*_on_document(s), 1, t)),
    ("WithdrawVersion", "reason"): lambda s, t: s.app.handle(
        documents_commands.WithdrawVersion(*_on_document(s), 1, t)
    ),
    ("AttachFile", "filename"): lambda s, t: s.app.handle(
        documents_commands.AttachFile(*_on_document(s), 1, t, b"Signed copy")
    ),
    **CONTEXT_TEXT_CALLS,
    **RISK_TEXT_CALLS,
    **CHANGE_TEXT_CALLS,
    **INCIDENT_TEXT_CALLS,
    **REVIEW_TEXT_CALLS,
    ("RegisterAsset", "name"): lambda s, t: _asset(s, name=t),
    ("RegisterAsset", "owner"): lambda s, t: _asset(s, owner=t),
    ("RegisterAsset", "location"): lambda s, t: _asset(s, location=t),
    ("RegisterAsset", "description"): lambda s, t: _asset(s, description=t),
    ("DescribeAsset", "name"): lambda s, t: _describe(s, name=t),
    ("DescribeAsset", "owner"): lambda s, t: _describe(s, owner=t),
    ("DescribeAsset", "location"): lambda s, t: _describe(s, location=t),
    ("DescribeAsset", "description"): lambda s, t: _describe(s, description=t),
    ("ClassifyAsset", "reason"): lambda s, t: s.app.handle(
        ClassifyAsset(s.tenant, SYSTEM_ACTOR, s.members[0], _ASSETS[id(s)][0], 1, 1, 1, t)
    ),
    ("RemoveAssetDependency", "reason"): lambda s, t: s.app.handle(
        RemoveAssetDependency(s.tenant, SYSTEM_ACTOR, s.members[0], *reversed(_ASSETS[id(s)]), t)
    ),
    ("RetireAsset", "reason"): lambda s, t: s.app.handle(
        RetireAsset(s.tenant, SYSTEM_ACTOR, s.members[0], _ASSETS[id(s)][0], t)
    ),
    **SOA_TEXT_CALLS,
    ("DeclareItilPractice", "evidence"): lambda s, t: _declare_itil(s, evidence=t),
    ("WithdrawItilPractice", "reason"): lambda s, t: s.app.handle(
        WithdrawItilPractice(s.tenant, SYSTEM_ACTOR, s.members[0], "incident-management", t)
    ),
    **CATALOGUE_TEXT_CALLS,
    **LIBRARY_TEXT_CALLS,
    **AUDIT_TEXT_CALLS,
    **SSO_TEXT_CALLS,
    **COMPETENCE_TEXT_CALLS,
    **METRIC_TEXT_CALLS,
}

SAMPLES: dict[str, Callable[[int], str]] = {
    "email": lambda length: "a" * (length - len("@example.org")) + "@example.org",
    "slug": lambda length: "a" * length,
    "filename": lambda length: "a" * (length - 4) + ".txt",
    # No zone name is 64 characters long: the longest there is stands for the maximum.
    "template.time_zone": lambda length: (
        "Europe/" + "x" * (length - 7) if length > 64 else "America/Argentina/Buenos_Aires"
    ),
}


def sample(row: Row, length: int) -> str:
    """Valid text of `length` characters for this argument (where its shape allows)."""
    return SAMPLES.get(row.argument, lambda n: "x" * n)(length)


def _with(row: Row, insert: str) -> str:
    text = sample(row, 40)
    return text[:3] + insert + text[3:]


def refused_as(row: Row) -> str:
    return row.refused_as.replace("modules.N", "modules.1")


def assert_refused(s: Scenario, row: Row, text: str) -> ValidationFailed:
    before = s.position()
    with pytest.raises(ValidationFailed) as error:
        TEXT_CALLS[row.command, row.argument](s, text)
    assert error.value.field == refused_as(row), error.value.message
    assert s.position() == before
    return error.value


PREPARED: dict[tuple[str, str], Callable[[Scenario], None]] = {
    ("ReactivateAccount", "reason"): _deactivate_coach,
    ("RevokeIntegrationClient", "reason"): _register_client,
    **GRANT_PREPARED,
    ("DraftVersion", "text"): lambda s: _document(s, "published"),
    ("ReviseDraft", "text"): _document,
    ("RejectVersion", "reason"): lambda s: _document(s, "submitted"),
    ("WithdrawVersion", "reason"): lambda s: _document(s, "published"),
    ("AttachFile", "filename"): _document,
    ("IssueInvitation", "key_hash"): _invite,  # only an account whose person has no password yet gets links
    **CONTEXT_PREPARED,
    **SOA_PREPARED,
    **RISK_PREPARED,
    **REVIEW_PREPARED,
    **RISK_CHOICE_PREPARED,
    **CHANGE_PREPARED,
    **CHANGE_CHOICE_PREPARED,
    **INCIDENT_PREPARED,
    **INCIDENT_CHOICE_PREPARED,
    **LIBRARY_PREPARED,
    **AUDIT_PREPARED,
    **SSO_PREPARED,
    **COMPETENCE_PREPARED,
    **METRIC_PREPARED,
    **dict.fromkeys(
        [
            ("DescribeAsset", "name"),
            ("DescribeAsset", "owner"),
            ("DescribeAsset", "location"),
            ("DescribeAsset", "description"),
            ("ClassifyAsset", "reason"),
            ("RemoveAssetDependency", "reason"),
            ("RetireAsset", "reason"),
        ],
        _prepare_assets,
    ),
    ("WithdrawItilPractice", "reason"): lambda s: _declare_itil(s) and None,
    ("WithdrawItilPractice", "item"): lambda s: _declare_itil(s) and None,
}
"""What must have happened before an argument can be tried (a correction needs something to correct)."""


def test_every_row_of_the_page_is_tried() -> None:
    assert set(TEXT_CALLS) == {(row.command, row.argument) for row in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=lambda row: f"{row.command}.{row.argument}")
def test_free_text_is_checked_as_the_page_says(row: Row) -> None:
    s = Scenario()
    PREPARED.get((row.command, row.argument), lambda s: None)(s)
    error = assert_refused(s, row, sample(row, row.maximum + 1))
    assert f"at most {row.maximum:,} characters" in error.message
    for bad in ("\x00", "\x07", "\x1b", "\x7f", "\x9b", "\ud800", "\udfff"):
        error = assert_refused(s, row, _with(row, bad))
        assert "\\x" not in error.message and "_" not in error.message
    for line_break in ("\n", "\r\n", "\u2028", "\x85", "\x0b") if not row.several_lines else ("\x0b", "\x0c", "\x85"):
        assert_refused(s, row, _with(row, line_break))
    if not row.several_lines:
        assert_refused(s, row, _with(row, "\t"))
    if row.required:
        assert_refused(s, row, " \n\t ")
    before = s.position()
    # Several lines: the maximum counts "\r\n" as the one character it is stored as.
    accepted = sample(row, row.maximum) if not row.several_lines else "x" * (row.maximum - 8) + "\r\none\ttwo"
    TEXT_CALLS[row.command, row.argument](s, f"  {accepted}\n ")
    assert s.position() > before


# Dates

DateCall = Callable[[Scenario, date], object]
FIRST, LAST = date(2000, 1, 1), date(2032, 1, 4)
"""The first business date, and the last on the test day (five years after it)."""
HAPPENED = {
    ("HoldSession", "held_on"),
    ("LogCoachingHalfDay", "held_on"),
    ("CorrectCoachingEntry", "held_on"),
    ("RecordIsmsEstablished", "established_on"),
    ("RecordCertified", "certified_on"),
    ("AssessGap", "visited_on"),
    ("AssessGap", "analysed_on"),
    ("ConfirmGapProposals", "visited_on"),
    ("ConfirmGapProposals", "analysed_on"),
    ("RecordManagementCommitment", "committed_on"),
    ("HoldRiskReview", "held_on"),
    ("RecordChangeExecution", "executed_on"),
    *AUDIT_HAPPENED,
    *COMPETENCE_HAPPENED,
    *METRIC_HAPPENED,
}
"""Dates of facts that happened: they cannot lie after the test day."""


def _approve(s: Scenario, review_on: date) -> object:
    """Approves a document submitted just before (by its author; the coach approves), on a fresh document each time."""
    if FIRST <= review_on <= LAST:
        _document(s, "submitted")
    on_document = (s.tenant, s.coach, s.members[0], getattr(s, "document_id", uuid.uuid4()))
    return s.app.handle(documents_commands.ApproveVersion(*on_document, 1, review_on))


DATE_CALLS: dict[tuple[str, str], DateCall] = {
    ("FormCluster", "planned_start"): lambda s, d: s.app.handle(
        FormCluster(s.tenant, SYSTEM_ACTOR, "New", s.coach, d, None)
    ),
    ("FormCluster", "planned_end"): lambda s, d: s.app.handle(
        FormCluster(s.tenant, SYSTEM_ACTOR, "New", s.coach, None, d)
    ),
    ("WithdrawMember", "withdrawn_on"): lambda s, d: s.app.handle(
        WithdrawMember(s.tenant, SYSTEM_ACTOR, s.running, s.members[0], d, "Moved away")
    ),
    ("DeclareUnavailability", "starts_on"): lambda s, d: s.app.handle(
        DeclareUnavailability(s.tenant, SYSTEM_ACTOR, s.running, s.members[0], d, LAST, "Fair")
    ),
    ("DeclareUnavailability", "ends_on"): lambda s, d: s.app.handle(
        DeclareUnavailability(s.tenant, SYSTEM_ACTOR, s.running, s.members[0], FIRST, d, "Fair")
    ),
    ("AcceptPlan", "starts_on"): lambda s, d: s.app.handle(AcceptPlan(s.tenant, s.coach, s.forming, d)),
    ("MoveSession", "on"): lambda s, d: s.app.handle(
        MoveSession(s.tenant, s.coach, s.running, s.scheduled("gap_analysis"), d, "morning", "Visit moved", True)
    ),
    ("StartCluster", "started_on"): lambda s, d: s.app.handle(StartCluster(s.tenant, SYSTEM_ACTOR, s.planned, d)),
    ("CloseCluster", "closed_on"): lambda s, d: s.app.handle(CloseCluster(s.tenant, SYSTEM_ACTOR, s.running, d)),
    ("HoldSession", "held_on"): lambda s, d: s.app.handle(
        HoldSession(s.tenant, s.coach, s.running, "module:1", d, 1, {})
    ),
    ("LogCoachingHalfDay", "held_on"): lambda s, d: s.app.handle(
        LogCoachingHalfDay(s.tenant, s.coach, s.running, s.members[0], d, s.coach, "Risk register")
    ),
    ("RecordIsmsEstablished", "established_on"): lambda s, d: s.app.handle(
        RecordIsmsEstablished(s.tenant, SYSTEM_ACTOR, s.running, s.members[0], d)
    ),
    ("PlanCertificationAudit", "audit_on"): lambda s, d: s.app.handle(
        PlanCertificationAudit(s.tenant, SYSTEM_ACTOR, s.running, s.members[1], d, "Certa")
    ),
    ("RecordCertified", "certified_on"): lambda s, d: s.app.handle(
        RecordCertified(s.tenant, SYSTEM_ACTOR, s.running, s.members[2], d, "ISO-1")
    ),
    ("AssessGap", "visited_on"): lambda s, d: s.app.handle(
        AssessGap(s.tenant, s.coach, s.running, s.members[0], d, TEST_DAY, *LEVELS)
    ),
    ("ConfirmGapProposals", "visited_on"): lambda s, d: _confirm_itil(s, d, d, TEST_DAY),
    ("ConfirmGapProposals", "analysed_on"): lambda s, d: _confirm_itil(s, d, FIRST, d),
    ("AssessGap", "analysed_on"): lambda s, d: s.app.handle(
        AssessGap(s.tenant, s.coach, s.running, s.members[0], FIRST, d, *LEVELS)
    ),
    ("RetractUnavailability", "starts_on"): _retract,
    ("CorrectCoachingEntry", "held_on"): lambda s, d: _correct(s, held_on=d),
    ("ApproveVersion", "review_on"): _approve,
    ("IssueApiToken", "expires_on"): lambda s, d: _pat(s, expires_on=d),
    **CONTEXT_DATE_CALLS,
    **RISK_DATE_CALLS,
    **CHANGE_DATE_CALLS,
    **AUDIT_DATE_CALLS,
    **REVIEW_DATE_CALLS,
    **COMPETENCE_DATE_CALLS,
    **METRIC_DATE_CALLS,
    **EVIDENCE_DATE_CALLS,
    **GRANT_DATE_CALLS,
}


REVIEWED = {
    ("ApproveVersion", "review_on"): (TEST_DAY + timedelta(days=1), date(2030, 1, 4)),
    ("AcceptRisk", "until"): (TEST_DAY, LAST),
    ("IssueApiToken", "expires_on"): (TEST_DAY + timedelta(days=1), TEST_DAY + timedelta(days=366)),
    **CHANGE_DATE_BOUNDS,
    **EVIDENCE_DATE_BOUNDS,
    **GRANT_DATE_BOUNDS,
}
"""Dates with bounds of their own inside the business dates: a review lies after today and within three years."""
LEVELS = dict.fromkeys(CLAUSES, 1), dict.fromkeys(THEMES, 2)


def test_every_date_of_the_page_is_tried() -> None:
    assert set(DATE_CALLS) == DATES


def date_scenario() -> Scenario:
    """Everything starts on the first business date, so that both ends of the range are open to every command."""
    return Scenario(started_on=FIRST, plan_from=date(2000, 1, 3))


@pytest.mark.parametrize(("command", "argument"), sorted(DATE_CALLS), ids=".".join)
def test_dates_lie_from_2000_to_five_years_ahead(command: str, argument: str) -> None:
    call, prepare = DATE_CALLS[command, argument], GRANT_DATE_PREPARED.get((command, argument), lambda s: None)
    s = date_scenario()
    prepare(s)
    before = s.position()
    for outside in (date(1, 1, 1), date(1999, 12, 31), LAST + timedelta(days=1), date(9999, 12, 31)):
        with pytest.raises(ValidationFailed) as error:
            call(s, outside)
        refused = REVIEW_DATES_REFUSED_AS.get((command, argument), argument)
        assert (error.value.field, error.value.message) == (refused, "Choose a date from 2000-01-01 to 2032-01-04.")
        assert s.position() == before
    earliest = TEST_DAY if command == "AcceptPlan" else FIRST
    latest = TEST_DAY if (command, argument) in HAPPENED else LAST
    earliest, latest = REVIEWED.get((command, argument), (earliest, latest))
    call(s, earliest)
    assert s.position() > before
    s = date_scenario()
    prepare(s)
    before = s.position()
    call(s, latest)
    assert s.position() > before


@pytest.mark.parametrize(("command", "argument"), sorted(HAPPENED), ids=".".join)
def test_what_happened_cannot_be_dated_in_the_future(command: str, argument: str) -> None:
    s = date_scenario()
    before = s.position()
    with pytest.raises(ValidationFailed) as error:
        DATE_CALLS[command, argument](s, TEST_DAY + timedelta(days=1))
    assert (error.value.field, error.value.message) == (argument, "Cannot be in the future (today is 2027-01-04).")
    assert s.position() == before


def test_a_plan_cannot_start_in_the_past() -> None:
    s = date_scenario()
    before = s.position()
    with pytest.raises(ValidationFailed) as error:
        DATE_CALLS["AcceptPlan", "starts_on"](s, TEST_DAY - timedelta(days=1))
    assert error.value.field == "starts_on" and error.value.message.startswith("Cannot be in the past")
    assert s.position() == before


# Times: moments of an incident's timeline


def test_every_time_of_the_page_is_tried() -> None:
    assert set(INCIDENT_TIME_CALLS) == TIMES


@pytest.mark.parametrize(("command", "argument"), sorted(INCIDENT_TIME_CALLS), ids=".".join)
def test_times_have_their_zone_and_lie_from_2000_to_the_business_day(command: str, argument: str) -> None:
    call = INCIDENT_TIME_CALLS[command, argument]
    s = Scenario()
    prepare_incidents(s)
    before = s.position()
    refused = {
        datetime(2026, 12, 1, 10, 0): "Give the time with its time zone.",
        datetime(1999, 12, 31, 23, 59, tzinfo=UTC): "Must be in 2000 or later.",
        datetime.combine(TEST_DAY + timedelta(days=1), datetime.min.time(), UTC): "Must not lie in the future.",
    }
    if (command, argument) in FOLLOWS_A_STEP:
        refused[AT - timedelta(minutes=1)] = "Must not be before the previous step"
    for at, message in refused.items():
        with pytest.raises(ValidationFailed) as error:
            call(s, at)
        assert error.value.field == argument and error.value.message.startswith(message)
        assert s.position() == before
    call(s, AT + timedelta(hours=2))
    assert s.position() > before


# Text that is not free: junk is refused, and writes nothing

CHOICE_CALLS: dict[tuple[str, str], TextCall] = {
    ("AcceptPlan", "fingerprint"): lambda s, t: s.app.handle(AcceptPlan(s.tenant, s.coach, s.forming, TEST_DAY, t)),
    ("MoveSession", "session_key"): lambda s, t: s.app.handle(
        MoveSession(s.tenant, s.coach, s.running, t, s.started_on, "morning", "Moved")
    ),
    ("MoveSession", "half_day"): lambda s, t: s.app.handle(
        MoveSession(s.tenant, s.coach, s.running, s.scheduled("gap_analysis"), s.started_on, t, "Moved")
    ),
    ("HoldSession", "session_key"): lambda s, t: s.app.handle(
        HoldSession(s.tenant, s.coach, s.running, t, s.started_on, 1)
    ),
    ("CancelSession", "session_key"): lambda s, t: s.app.handle(CancelSession(s.tenant, s.coach, s.running, t, "Snow")),
    ("UndoSessionHeld", "session_key"): lambda s, t: s.app.handle(
        UndoSessionHeld(s.tenant, s.coach, s.running, t, "Recorded by mistake")
    ),
    ("RestoreSession", "session_key"): lambda s, t: s.app.handle(
        RestoreSession(s.tenant, s.coach, s.running, t, "Cancelled by mistake")
    ),
    ("IssueCalendarKey", "key_hash"): lambda s, t: s.app.handle(IssueCalendarKey(s.tenant, s.coach, t)),
    ("IssueApiToken", "key_hash"): lambda s, t: _pat(s, key_hash=t),
    ("IssueApiToken", "scopes[]"): lambda s, t: _pat(s, scopes=(t,)),
    ("RegisterIntegrationClient", "secret_hash"): lambda s, t: _client(s, key_hash=t),
    ("RegisterIntegrationClient", "scopes[]"): lambda s, t: _client(s, scopes=(t,)),
    ("RegisterOrganisation", "country"): lambda s, t: s.app.handle(
        RegisterOrganisation(s.tenant, SYSTEM_ACTOR, "Placed Ltd", "Retail", 9, t)
    ),
    ("RegisterOrganisation", "region"): lambda s, t: s.app.handle(
        RegisterOrganisation(s.tenant, SYSTEM_ACTOR, "Placed Ltd", "Retail", 9, "DE", t)
    ),
    ("ChangeOrganisationDetails", "country"): lambda s, t: s.app.handle(
        ChangeOrganisationDetails(s.tenant, SYSTEM_ACTOR, s.members[0], "Retail", 9, t, None)
    ),
    ("ChangeOrganisationDetails", "region"): lambda s, t: s.app.handle(
        ChangeOrganisationDetails(s.tenant, SYSTEM_ACTOR, s.members[0], "Retail", 9, "DE", t)
    ),
    ("InviteAccount", "key_hash"): lambda s, t: s.app.handle(
        InviteAccount(s.tenant, SYSTEM_ACTOR, "ana@alpine.example", "Ana", Role.COACH, t)
    ),
    ("IssueInvitation", "key_hash"): lambda s, t: s.app.handle(
        IssueInvitation(s.tenant, SYSTEM_ACTOR, account_id("ana@alpine.example"), t)
    ),
    ("AcceptInvitation", "key_hash"): lambda s, t: s.app.handle(AcceptInvitation(s.tenant, s.coach, t, "$argon2id$x")),
    ("AcceptInvitation", "password_hash"): lambda s, t: s.app.handle(AcceptInvitation(s.tenant, s.coach, KEY_HASH, t)),
    ("ResetPassword", "password_hash"): lambda s, t: s.app.handle(ResetPassword(s.tenant, s.coach, t)),
    ("RecordSecondFactor", "change"): lambda s, t: s.app.handle(RecordSecondFactor(s.tenant, s.coach, t)),
    ("ShareFeedback", "session_key"): lambda s, t: s.app.handle(
        ShareFeedback(s.tenant, SYSTEM_ACTOR, s.running, t, s.members[0], "worked", "Clear")
    ),
    ("ShareFeedback", "kind"): lambda s, t: s.app.handle(
        ShareFeedback(s.tenant, SYSTEM_ACTOR, s.running, "initial-training", s.members[0], t, "Clear")
    ),
    ("CreateDocument", "kind"): lambda s, t: s.app.handle(
        documents_commands.CreateDocument(s.tenant, SYSTEM_ACTOR, s.members[0], t, "Access", "CISO", "Text")
    ),
    ("CreateDocument", "skeleton"): lambda s, t: s.app.handle(
        documents_commands.CreateDocument(s.tenant, SYSTEM_ACTOR, s.members[0], "", "", "CISO", "", t)
    ),
    **CONTEXT_CHOICE_CALLS,
    ("RegisterAsset", "kind"): lambda s, t: _asset(s, kind=t),
    ("DescribeAsset", "kind"): lambda s, t: _describe(s, kind=t),
    **SOA_CHOICE_CALLS,
    ("DeclareItilPractice", "item"): lambda s, t: _declare_itil(s, item=t),
    ("WithdrawItilPractice", "item"): lambda s, t: s.app.handle(
        WithdrawItilPractice(s.tenant, SYSTEM_ACTOR, s.members[0], t, "No longer run")
    ),
    **RISK_CHOICE_CALLS,
    **CHANGE_CHOICE_CALLS,
    **INCIDENT_CHOICE_CALLS,
    **REVIEW_CHOICE_CALLS,
    **CATALOGUE_CHOICE_CALLS,
    **LIBRARY_CHOICE_CALLS,
    **AUDIT_CHOICE_CALLS,
    **SSO_CHOICE_CALLS,
    **METRIC_CHOICE_CALLS,
}


TOKEN_SCOPES = {("IssueApiToken", "scopes[]"): "scopes", ("RegisterIntegrationClient", "scopes[]"): "scopes"}


def test_every_choice_of_the_page_is_tried() -> None:
    assert set(CHOICE_CALLS) == CHOICES


@pytest.mark.parametrize(("command", "argument"), sorted(CHOICE_CALLS), ids=".".join)
def test_text_that_is_not_free_refuses_anything_unknown(command: str, argument: str) -> None:
    s = Scenario(started_on=FIRST, plan_from=date(2000, 1, 3))
    PREPARED.get((command, argument), lambda s: None)(s)
    before = s.position()
    for junk in ("x\x00" * 50_000, "module:1\n", "\ud800"):
        with pytest.raises(DomainError) as error:
            CHOICE_CALLS[command, argument](s, junk)
        assert error.value.field == {
            **RISK_CHOICES_REFUSED_AS,
            **AUDIT_CHOICES_REFUSED_AS,
            **TOKEN_SCOPES,
            **SSO_CHOICES_REFUSED_AS,
        }.get((command, argument), argument)
        assert s.position() == before
