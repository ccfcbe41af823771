"""What the API tells a professional of their credential is what a verifier finds: its status entry first, then
its validity from the first instant of the business day, by the public verdict's own rule."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from backend.credentials.published import row_standing
from projections.credentials.rows import CredentialRow


def row(status: str) -> CredentialRow:
    return CredentialRow(
        body_id=uuid.uuid4(),
        credential_id=uuid.uuid4(),
        professional_id=uuid.uuid4(),
        name="Léa Fontaine",
        scheme_version=1,
        training_title="ISMS coaching",
        training_provider="Cordee Academy",
        trained_on=date(2026, 1, 12),
        exam_passed_on=date(2026, 1, 19),
        evaluated_on=date(2026, 1, 26),
        results={},
        awarded_on=date(2026, 2, 2),
        valid_from=date(2026, 2, 2),
        valid_until=date(2029, 2, 2),
        status_list=1,
        status_index=4242,
        status=status,
        missions=(),
    )


@pytest.mark.parametrize(
    ("status", "today", "state"),
    [
        ("valid", date(2026, 2, 1), "not_yet_valid"),
        ("valid", date(2026, 2, 2), "valid"),
        ("valid", date(2029, 2, 1), "valid"),
        ("valid", date(2029, 2, 2), "expired"),
        ("suspended", date(2029, 3, 1), "suspended"),
        ("revoked", date(2029, 3, 1), "revoked"),
        ("revoked", date(2026, 3, 1), "revoked"),
    ],
    ids=["before", "first-day", "last-day", "expiry-day", "suspended-over-expired", "revoked-over-expired", "revoked"],
)
def test_a_row_s_standing_on_a_day(status: str, today: date, state: str) -> None:
    assert row_standing(row(status), today) == state
