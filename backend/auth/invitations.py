"""Opening an invitation link: the invited person chooses their password, then signs in like anyone else.

Like signing in, this runs without a session, so it is a port of the pages rather than a GraphQL mutation (the API
answers only signed-in callers). The link's key is never stored: only its SHA-256 hash, in the account's events.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import anyio.to_thread

from backend.auth.passwords import check_new_password, hash_password
from backend.services import Services
from domain.shared.errors import DomainError, ValidationFailed
from domain.tenancy.account import INVITATION_REFUSED
from domain.tenancy.commands import AcceptInvitation
from projections.tenancy.rows import AccountRow


def invitation_key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@dataclass(frozen=True)
class Invited:
    display_name: str
    email: str


class Invitations:
    def __init__(self, services: Services) -> None:
        self.services = services

    def find(self, key: str) -> Invited | None:
        """Who the link invites, while it works: not used, not replaced, not expired, the account active."""
        account = self._open(key)
        return None if account is None else Invited(account.display_name, account.email)

    async def accept(self, key: str, password: str) -> dict[str, str]:
        """Sets the password; answers the refusals by field (`key`, `new_password`), none when it is done."""
        try:
            await anyio.to_thread.run_sync(self._accept, key, password)
        except DomainError as error:
            return {"new_password" if error.field == "new_password" else "key": error.message}
        return {}

    def _accept(self, key: str, password: str) -> None:
        account = self._open(key)
        if account is None:
            raise ValidationFailed("key_hash", INVITATION_REFUSED)
        check_new_password(password, account.email)
        key_hash, password_hash = invitation_key_hash(key), hash_password(password)
        self.services.execute(AcceptInvitation(account.tenant_id, account.account_id, key_hash, password_hash))
        self.services.sessions.close_all(account.account_id)  # a password replaced: no earlier session goes on

    def _open(self, key: str) -> AccountRow | None:
        account = self.services.queries.tenancy.invitation(invitation_key_hash(key))
        expires_on = account.invitation_expires_on if account else None
        if account is None or expires_on is None or expires_on < self.services.app.today():
            return None
        return account
