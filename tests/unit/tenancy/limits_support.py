"""The input limits of grants (`docs/input-limits.md`): a revocation's reason, and a grant's window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from uuid import UUID, uuid4
from weakref import WeakKeyDictionary

from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import AUDIT_WINDOW_MAX_DAYS, Role, opening_grant_id
from domain.tenancy.commands import GrantRole, InviteAccount, OpenAccount, RevokeGrant
from tests.conftest import TEST_DAY
from tests.unit.programme_scenario import Scenario

TextCall = Callable[[Scenario, str], object]
DateCall = Callable[[Scenario, date], object]
LAST = date(2032, 1, 4)
"""The last business date on the test day."""

_VIEWERS: WeakKeyDictionary[Scenario, UUID] = WeakKeyDictionary()


def _viewer(s: Scenario) -> UUID:
    """A new viewer of the first member: a fresh account each time, so each grant is its first of the role."""
    email = f"viewer-{uuid4().hex[:8]}@member.example"
    command = OpenAccount(s.tenant, SYSTEM_ACTOR, email, "Vera", "$argon2id$x", (Role.VIEWER,), s.members[0])
    return s.app.handle(command).aggregate_id


def _prepare_viewer(s: Scenario) -> None:
    _VIEWERS[s] = _viewer(s)


def _revoke(s: Scenario, reason: str) -> object:
    viewer = _VIEWERS[s]
    return s.app.handle(RevokeGrant(s.tenant, SYSTEM_ACTOR, viewer, opening_grant_id(viewer, "viewer"), reason))


def _grant(s: Scenario, **window: date) -> object:
    command = GrantRole(s.tenant, SYSTEM_ACTOR, _VIEWERS[s], uuid4(), Role.CONTRIBUTOR, s.members[0], **window)
    return s.app.handle(command)


def _invite_auditor(s: Scenario, **window: date) -> object:
    email = f"auditor-{uuid4().hex[:8]}@audit.example"
    command = InviteAccount(
        s.tenant, SYSTEM_ACTOR, email, "Ida", Role.AUDITOR, "a" * 64, s.members[0], uuid4(), **window
    )
    return s.app.handle(command)


GRANT_PREPARED: dict[tuple[str, str], Callable[[Scenario], None]] = {("RevokeGrant", "reason"): _prepare_viewer}
GRANT_TEXT_CALLS: dict[tuple[str, str], TextCall] = {("RevokeGrant", "reason"): _revoke}
GRANT_DATE_CALLS: dict[tuple[str, str], DateCall] = {
    ("GrantRole", "valid_from"): lambda s, d: _grant(s, valid_from=d),
    ("GrantRole", "valid_until"): lambda s, d: _grant(s, valid_until=d),
    ("InviteAccount", "valid_from"): lambda s, d: _invite_auditor(s, valid_from=d, valid_until=d),  # a day's audit
    ("InviteAccount", "valid_until"): lambda s, d: _invite_auditor(s, valid_until=d),
}
GRANT_DATE_PREPARED: dict[tuple[str, str], Callable[[Scenario], None]] = {
    ("GrantRole", "valid_from"): _prepare_viewer,
    ("GrantRole", "valid_until"): _prepare_viewer,
}
"""A grant names an account of the organisation: opened before the count of events a refusal must leave alone."""
GRANT_DATE_BOUNDS: dict[tuple[str, str], tuple[date, date]] = {
    ("GrantRole", "valid_from"): (TEST_DAY, LAST),
    ("GrantRole", "valid_until"): (TEST_DAY, LAST),
    ("InviteAccount", "valid_from"): (TEST_DAY, LAST),
    ("InviteAccount", "valid_until"): (TEST_DAY, TEST_DAY + timedelta(days=AUDIT_WINDOW_MAX_DAYS - 1)),
}
"""A grant starts today or later; an auditor's window lasts at most `AUDIT_WINDOW_MAX_DAYS` days."""
