"""A label as the labelling body would issue it, and its key, for the credential tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from uuid import UUID

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from backend.credentials.openbadges import (
    Achievement,
    CategoryResult,
    Issuer,
    LabelCredential,
    Mission,
    StatusEntry,
    Subject,
    exam_evidence,
    expiry_instant,
    mission_evidence,
    professional_uri,
    training_evidence,
)
from backend.credentials.signing import SigningKey, signing_key

BODY = "https://labels.example"
JWKS_URL = f"{BODY}/.well-known/labels/jwks.json"
STATUS_LIST = f"{BODY}/labels/status/1"
PROFESSIONAL = UUID("5b0f7d6e-3c1a-4f6e-9d2b-8a7c6e5d4f3a")
GRANTED = datetime(2026, 12, 7, 14, 30, tzinfo=UTC)
EXPIRES_ON = date(2029, 12, 7)
INDEX = 4242


def new_key() -> SigningKey:
    return signing_key(Ed25519PrivateKey.generate(), JWKS_URL)


def results() -> tuple[CategoryResult, ...]:
    return (
        CategoryResult("gap_analysis", "Runs a gap analysis against ISO/IEC 27001.", "meets"),
        CategoryResult("risk_management", "Coaches a risk assessment and treatment.", "meets"),
        CategoryResult("management_system", "Coaches the management system's procedures.", "partially"),
        CategoryResult("security_policies", "Coaches the security policies.", "meets"),
    )


def mission() -> Mission:
    return Mission(
        f"{BODY}/labels/missions/7d1e",
        "Alpine Coaching",
        "Manufacturing",
        "small",
        date(2026, 3, 2),
        date(2026, 10, 30),
        12,
        3.5,
    )


def label(**changes: object) -> LabelCredential:
    issued = LabelCredential(
        id=f"{BODY}/labels/credentials/0c9a3e2f",
        issuer=Issuer(BODY, "Cluster Coaching Label Board"),
        subject=Subject(professional_uri(PROFESSIONAL), "Camille Durand"),
        achievement=Achievement(
            f"{BODY}/labels/iso27001-cluster-coach",
            "ISO/IEC 27001 cluster coach",
            "Coaches clusters of small organisations to ISO/IEC 27001.",
            "Attended the training, passed the exam and was evaluated on a first mission in the four categories.",
            "2026.1",
        ),
        results=results(),
        evidence=(
            training_evidence(date(2026, 1, 20), "Institut Sécurité"),
            exam_evidence(date(2026, 2, 10)),
            mission_evidence(mission()),
        ),
        awarded=GRANTED,
        valid_from=GRANTED,
        valid_until=expiry_instant(EXPIRES_ON),
        status=StatusEntry(STATUS_LIST, INDEX),
    )
    return replace(issued, **changes)  # type: ignore[arg-type]
