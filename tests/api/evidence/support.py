"""Reading, exporting and downloading an organisation's auditor's bundles through the API, as their tests do."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from tests.support.graphql_client import GraphQLClient

REFUSAL = "__typename ... on UserError { code message field }"
BUNDLE = "organisationId number windowFrom windowTo exportedBy exportedAt downloadUrl"
LIST = f"""query($id: ID!, $first: Int, $after: String) {{ auditBundles(organisationId: $id, first: $first,
    after: $after) {{ edges {{ cursor node {{ {BUNDLE} }} }} pageInfo {{ hasNextPage endCursor }}
    viewerCan {{ export }} }} }}"""
EXPORT = f"""mutation($input: ExportAuditBundleInput!) {{ r: exportAuditBundle(input: $input) {{ {REFUSAL}
    ... on AuditBundleChange {{ bundle {{ {BUNDLE} }} }} }} }}"""
WINDOW = {"windowFrom": "2026-01-01", "windowTo": "2027-01-04"}
"""Up to the tests' business day: the demo's events were recorded in it."""


def bundles(client: GraphQLClient, organisation_id: str, **given: Any) -> dict[str, Any]:
    found: dict[str, Any] = client.data(LIST, {"id": organisation_id, **given})["auditBundles"]
    return found


def export(client: GraphQLClient, organisation_id: str, **window: str) -> dict[str, Any]:
    given = {"organisationId": organisation_id} | WINDOW | window
    result: dict[str, Any] = client.data(EXPORT, {"input": given})["r"]
    return result


def verified(bundle: bytes, folder: Path, key: str) -> subprocess.CompletedProcess[str]:
    """The bundle's own `verify.py`, taken out and run in isolated mode from a folder without Cordee."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "bundle.zip"
    path.write_bytes(bundle)
    with zipfile.ZipFile(path) as zipped:
        (folder / "verify.py").write_bytes(zipped.read("verify.py"))
    command = [sys.executable, "-I", str(folder / "verify.py"), str(path), "--key", key]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120, check=False)
