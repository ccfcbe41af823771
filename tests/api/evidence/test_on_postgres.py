"""On PostgreSQL too, the coach exports a bundle, the member downloads it, and its own verifier says VERIFIED."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from backend.app import create_app
from backend.services import Services
from tests.api.conftest import ALPINE_COACH
from tests.api.evidence.support import export, verified
from tests.api.risks.support import organisation_id
from tests.api.test_isolation_same_tenant import ALPINE_MEMBER
from tests.support.graphql_client import GraphQLClient

pytestmark = pytest.mark.postgres


def test_a_bundle_exported_on_postgres_downloads_verified(postgres_services: Services, tmp_path: Path) -> None:
    app = create_app(postgres_services.settings, postgres_services)
    coach = GraphQLClient(TestClient(app)).sign_in(ALPINE_COACH)
    member = GraphQLClient(TestClient(app)).sign_in(ALPINE_MEMBER)
    muller = organisation_id(member)
    done = export(coach, muller)
    assert done["__typename"] == "AuditBundleChange" and done["bundle"]["number"] == 2, done
    response = member.http.get(done["bundle"]["downloadUrl"])
    assert response.status_code == 200, response.text
    [key] = [k["verifierKey"] for k in member.http.get("/audit/keys").json()["keys"] if k["current"]]
    result = verified(response.content, tmp_path / "auditor", key)
    assert result.returncode == 0 and result.stdout.strip().endswith("VERIFIED"), result.stdout + result.stderr
