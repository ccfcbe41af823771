"""What may be done in an internal audit, as pure functions: one definition each, for the aggregate and the API.

An audit's **area** is a clause or control of the organisation's audit programme, and each area has an owner: the
account answerable for that process or control. The auditor is **independent** of an audit when they own none of
the areas in its scope: nobody audits their own work (ISO/IEC 27001 9.2.2 asks for objectivity and impartiality).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from uuid import UUID


class FindingKind(StrEnum):
    MAJOR_NONCONFORMITY = "major_nonconformity"
    MINOR_NONCONFORMITY = "minor_nonconformity"
    OBSERVATION = "observation"
    OPPORTUNITY = "opportunity"


FINDING_KINDS = tuple(kind.value for kind in FindingKind)
NONCONFORMITY_KINDS = (FindingKind.MAJOR_NONCONFORMITY.value, FindingKind.MINOR_NONCONFORMITY.value)


def owned_areas(auditor_id: UUID, area_owners: Mapping[str, UUID], scope: Iterable[str]) -> list[str]:
    """The areas of the scope the auditor owns: an independent auditor owns none."""
    return [reference for reference in scope if area_owners.get(reference) == auditor_id]


def is_independent(auditor_id: UUID, area_owners: Mapping[str, UUID], scope: Iterable[str]) -> bool:
    return not owned_areas(auditor_id, area_owners, scope)


def can_record_findings(completed: bool) -> bool:
    """A completed audit's report is final: findings are recorded before it is completed."""
    return not completed


def can_raise_nonconformity(kind: str, raised: bool) -> bool:
    """A major or minor nonconformity found raises one nonconformity of the register, once."""
    return kind in NONCONFORMITY_KINDS and not raised
