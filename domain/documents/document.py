"""A document of an organisation's ISMS and its versions, from draft to publication and withdrawal."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from eventsourcing.domain import event

from domain.documents import rules
from domain.documents.attachments import Checked
from domain.documents.rules import DocumentKind, VersionStatus
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import business_date, stated_today
from domain.shared.errors import ValidationFailed
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line

TITLE_MAX_LENGTH = 200
OWNER_MAX_LENGTH = NAME_MAX_LENGTH
TEXT_MAX_LENGTH = 50_000
"""Within the API's request body limit (64 KiB), with room for the rest of the request."""
REVIEW_YEARS_AHEAD = 3
"""A review date lies after the approval and at most this many years later."""


def text_hash(text: str) -> str:
    """The SHA-256 of a version's text, as UTF-8: what an auditor recomputes to check the text approved."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Version:
    number: int
    author_id: UUID
    text: str
    status: str = VersionStatus.DRAFT
    requires_acknowledgement: bool = False
    acknowledged_by: set[UUID] = field(default_factory=set)
    attachments: set[str] = field(default_factory=set)
    """The content hashes of its files."""


class Document(TenantAggregate):
    """Its id is random: two documents may share a title."""

    @classmethod
    def create(
        cls, tenant_id: UUID, actor_id: UUID, document_id: UUID, organisation_id: UUID, kind: str, title: str,
        owner: str, text: str, source: tuple[UUID, int] | None = None,
    ) -> Document:  # fmt: skip
        """A new document with its first draft; `source` is the library item and version it was copied from."""
        if kind not in DocumentKind.__members__.values():
            raise ValidationFailed("kind", "Choose policy, procedure or record.")
        document = cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            document_id=document_id,
            organisation_id=organisation_id,
            kind=kind,
            title=single_line("title", title, TITLE_MAX_LENGTH),
            owner=single_line("owner", owner, OWNER_MAX_LENGTH),
            source_library_item=str(source[0]) if source else None,
            source_library_version=source[1] if source else None,
        )
        document.draft_version(actor_id, text)
        return document

    @staticmethod
    def create_id(document_id: UUID, **_: object) -> UUID:
        return document_id

    @event("Created")
    def __init__(
        self, tenant_id: UUID, actor_id: UUID, document_id: UUID, organisation_id: UUID, kind: str, title: str,
        owner: str, source_library_item: str | None = None, source_library_version: int | None = None,
    ) -> None:  # fmt: skip
        # The source fields came in December 2026 with the library; older events have none, and load as copies of
        # nothing (their defaults), with no upcaster.
        self.tenant_id = tenant_id
        self.organisation_id = organisation_id
        self.versions: dict[int, Version] = {}

    def draft_version(self, actor_id: UUID, text: str) -> None:
        if not rules.can_draft_version([v.status for v in self.versions.values()]):
            raise ValidationFailed("document_id", "A version of this document is already on its way: finish it first.")
        self._drafted(actor_id, len(self.versions) + 1, multi_line("text", text, TEXT_MAX_LENGTH))

    @event("VersionDrafted")
    def _drafted(self, actor_id: UUID, number: int, text: str) -> None:
        self.versions[number] = Version(number, actor_id, text)

    def revise(self, actor_id: UUID, number: int, text: str) -> None:
        self._in(number, rules.can_revise, "Only a draft's text can change.")
        self._revised(actor_id, number, multi_line("text", text, TEXT_MAX_LENGTH))

    @event("DraftRevised")
    def _revised(self, actor_id: UUID, number: int, text: str) -> None:
        self.versions[number].text = text

    def attach(self, actor_id: UUID, number: int, file: Checked) -> None:
        version = self._in(number, rules.can_attach, "Files are attached to a draft only.")
        if file.content_hash in version.attachments:
            raise ValidationFailed("content", "This file is already attached to this version.")
        self._attached(actor_id, number, file.filename, file.media_type, file.size, file.content_hash)

    @event("FileAttached")
    def _attached(
        self, actor_id: UUID, number: int, filename: str, media_type: str, size: int, content_hash: str
    ) -> None:
        self.versions[number].attachments.add(content_hash)

    def submit(self, actor_id: UUID, number: int) -> None:
        self._in(number, rules.can_submit, "Only a draft is submitted.")
        self._submitted(actor_id, number)

    @event("VersionSubmitted")
    def _submitted(self, actor_id: UUID, number: int) -> None:
        self.versions[number].status = VersionStatus.SUBMITTED

    def approve(self, actor_id: UUID, number: int, review_on: date) -> None:
        """By someone other than the author; the text approved is frozen and its hash recorded."""
        version = self._in(number, rules.is_submitted, "Only a submitted version is approved.")
        if not rules.can_approve(version.status, version.author_id, actor_id):
            raise ValidationFailed("version", "Its author cannot approve a version: someone else must.")
        self._approved(actor_id, number, text_hash(version.text), review_date("review_on", review_on))

    @event("VersionApproved")
    def _approved(self, actor_id: UUID, number: int, content_hash: str, review_on: date) -> None:
        self.versions[number].status = VersionStatus.APPROVED

    def reject(self, actor_id: UUID, number: int, reason: str) -> None:
        self._in(number, rules.can_reject, "Only a submitted version is rejected.")
        self._rejected(actor_id, number, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("VersionRejected")
    def _rejected(self, actor_id: UUID, number: int, reason: str) -> None:
        self.versions[number].status = VersionStatus.DRAFT

    def publish(self, actor_id: UUID, number: int, requires_acknowledgement: bool) -> None:
        self._in(number, rules.can_publish, "Only an approved version is published.")
        current = [v.number for v in self.versions.values() if v.status == VersionStatus.PUBLISHED]
        self._published(actor_id, number, requires_acknowledgement, current[0] if current else None)

    @event("VersionPublished")
    def _published(self, actor_id: UUID, number: int, requires_acknowledgement: bool, supersedes: int | None) -> None:
        if supersedes is not None:
            self.versions[supersedes].status = VersionStatus.SUPERSEDED
        self.versions[number].status = VersionStatus.PUBLISHED
        self.versions[number].requires_acknowledgement = requires_acknowledgement

    def withdraw(self, actor_id: UUID, number: int, reason: str) -> None:
        self._in(number, rules.can_withdraw, "Only the published version is withdrawn.")
        self._withdrawn(actor_id, number, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("VersionWithdrawn")
    def _withdrawn(self, actor_id: UUID, number: int, reason: str) -> None:
        self.versions[number].status = VersionStatus.WITHDRAWN

    def acknowledge(self, actor_id: UUID, number: int) -> None:
        version = self._numbered(number)
        if not rules.can_acknowledge(version.status, version.requires_acknowledgement, False):
            raise ValidationFailed("version", "Only a published version that asks for it is acknowledged.")
        if actor_id in version.acknowledged_by:
            raise ValidationFailed("version", "You have already acknowledged this version.")
        self._acknowledged(actor_id, number)

    @event("VersionAcknowledged")
    def _acknowledged(self, actor_id: UUID, number: int) -> None:
        self.versions[number].acknowledged_by.add(actor_id)

    def _numbered(self, number: int) -> Version:
        if number not in self.versions:
            raise ValidationFailed("version", "This document has no version of this number.")
        return self.versions[number]

    def _in(self, number: int, allowed: rules.StatusRule, message: str) -> Version:
        version = self._numbered(number)
        if not allowed(version.status):
            raise ValidationFailed("version", f"{message} This version is {version.status}.")
        return version


def review_date(field: str, day: date) -> date:
    """After today, and at most `REVIEW_YEARS_AHEAD` years later."""
    business_date(field, day)
    today = stated_today()
    if today is None:
        return day
    latest = _years_after(today, REVIEW_YEARS_AHEAD)
    if not today < day <= latest:
        raise ValidationFailed(field, f"Choose a review date after today and by {latest.isoformat()}.")
    return day


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
