"""What may be done to a document's version in each status: one definition each, for the aggregate and the API."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from uuid import UUID


class DocumentKind(StrEnum):
    POLICY = "policy"
    PROCEDURE = "procedure"
    RECORD = "record"


class VersionStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"
    """Published once, replaced by a later published version."""
    WITHDRAWN = "withdrawn"


OPEN = frozenset({VersionStatus.DRAFT, VersionStatus.SUBMITTED, VersionStatus.APPROVED})
"""A version still on its way to publication: a document has at most one."""


def can_draft_version(statuses: list[str]) -> bool:
    """A new version is drafted when no other is on its way."""
    return not any(status in OPEN for status in statuses)


def can_revise(status: str) -> bool:
    """Only a draft's text changes (an approved text is frozen)."""
    return status == VersionStatus.DRAFT


def can_attach(status: str) -> bool:
    return status == VersionStatus.DRAFT


def can_submit(status: str) -> bool:
    return status == VersionStatus.DRAFT


def is_submitted(status: str) -> bool:
    return status == VersionStatus.SUBMITTED


def can_approve(status: str, author_id: UUID, actor_id: UUID) -> bool:
    """A submitted version, by someone other than its author."""
    return is_submitted(status) and author_id != actor_id


def can_reject(status: str) -> bool:
    """A submitted version goes back to draft, with a reason."""
    return status == VersionStatus.SUBMITTED


def can_publish(status: str) -> bool:
    return status == VersionStatus.APPROVED


def can_withdraw(status: str) -> bool:
    """A published version is withdrawn (a correction), with a reason."""
    return status == VersionStatus.PUBLISHED


def can_acknowledge(status: str, requires_acknowledgement: bool, acknowledged: bool) -> bool:
    """A published version that asks for it, once per person."""
    return status == VersionStatus.PUBLISHED and requires_acknowledgement and not acknowledged


StatusRule = Callable[[str], bool]
