"""What the library pages show of a kind: its name, the fields its form takes, the choices offered."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from frontend.site.forms import Submission

KINDS = {
    "threat": ("Threats", "threat"),
    "vulnerability": ("Vulnerabilities", "vulnerability"),
    "asset_template": ("Asset templates", "asset template"),
    "risk_scenario": ("Risk scenarios", "risk scenario"),
    "document_skeleton": ("Document skeletons", "document skeleton"),
}
"""Each kind's address, its heading and what one item is called."""
ASSET_KINDS = [
    ("information", "Information"), ("software", "Software"), ("hardware", "Hardware"), ("service", "Service"),
    ("people", "People"), ("site", "Site"), ("pool_resource", "Pool resource"), ("iaas", "IaaS"), ("paas", "PaaS"),
    ("saas", "SaaS"),
]  # fmt: skip
DOCUMENT_KINDS = [("policy", "Policy"), ("procedure", "Procedure"), ("record", "Record")]
ORDERS = [("TITLE", "Title"), ("CHANGED", "Last changed")]
LEVELS = ("confidentiality", "integrity", "availability")


def fields_of(kind: str, form: Submission) -> dict[str, Any]:
    """The `fields` input of an add or revise form, as the kind takes it."""
    if kind == "asset_template":
        levels = {level: form.optional_number(level) for level in LEVELS}
        return {
            "assetKind": form.one_of("assetKind", dict(ASSET_KINDS)),
            **levels,
            "description": _text(form, "description"),
        }
    if kind == "risk_scenario":
        names = ("threat", "vulnerability", "likelihood", "impact", "description")
        return {name: _text(form, name) for name in names}
    if kind == "document_skeleton":
        return {"documentKind": form.one_of("documentKind", dict(DOCUMENT_KINDS)), "text": form.required("text")}
    return {"description": _text(form, "description")}


def _text(form: Submission, name: str) -> str | None:
    return form.text(name).strip() or None


def next_page(kind: str, filters: dict[str, str], cursor: str) -> str:
    kept = {name: value for name, value in filters.items() if value}
    return f"/library/{kind}?{urlencode(kept | {'after': cursor})}"
