"""What a library item holds, by kind, and what may be done to it: one definition each, for aggregate and API."""

from __future__ import annotations

from enum import StrEnum


class ItemKind(StrEnum):
    THREAT = "threat"
    VULNERABILITY = "vulnerability"
    ASSET_TEMPLATE = "asset_template"
    RISK_SCENARIO = "risk_scenario"
    DOCUMENT_SKELETON = "document_skeleton"


KINDS = tuple(kind.value for kind in ItemKind)

FIELDS: dict[str, tuple[str, ...]] = {
    ItemKind.THREAT: ("description",),
    ItemKind.VULNERABILITY: ("description",),
    ItemKind.ASSET_TEMPLATE: ("asset_kind", "confidentiality", "integrity", "availability", "description"),
    ItemKind.RISK_SCENARIO: ("threat", "vulnerability", "likelihood", "impact", "description"),
    ItemKind.DOCUMENT_SKELETON: ("document_kind", "text"),
}
"""The fields each kind holds besides its title; a field of another kind is refused."""

REQUIRED: dict[str, tuple[str, ...]] = {
    ItemKind.THREAT: (),
    ItemKind.VULNERABILITY: (),
    ItemKind.ASSET_TEMPLATE: ("asset_kind",),
    ItemKind.RISK_SCENARIO: ("threat", "vulnerability"),
    ItemKind.DOCUMENT_SKELETON: ("document_kind", "text"),
}

COPIED_INTO = {ItemKind.ASSET_TEMPLATE: "assets", ItemKind.DOCUMENT_SKELETON: "documents"}
"""The register a copy of each kind goes into, where one does (risk scenarios: the risk register's own command)."""


def can_change_item(retired: bool) -> bool:
    """A retired item is kept as it was: neither revised nor copied."""
    return not retired


def can_copy(kind: str, retired: bool) -> bool:
    return kind in COPIED_INTO and can_change_item(retired)
