"""A labelling body's registrar invites a candidate to the professionals' realm by e-mail.

The answer is the same whatever the address: a new account opened with an invitation link, an account of the realm
that has not chosen its password yet (a new link), one that has (nothing to send: they sign in as they do), or an
address already used by a consultancy's account (an e-mail address is one sign-in across the product: nothing is
opened). The link goes by e-mail only, beside the answer, never in it; each case is logged, never the address."""

from __future__ import annotations

import logging
import secrets
import threading

from backend.auth.invitations import invitation_key_hash
from backend.auth.mail import send_mail
from backend.auth.principal import Principal
from backend.policy import realm_account
from backend.services import Services
from domain.labels.body import PROFESSIONALS
from domain.shared.email import normalise_email
from domain.shared.errors import Conflict, every_check
from domain.shared.text import single_line
from domain.tenancy.account import DISPLAY_NAME_MAX_LENGTH, INVITATION_DAYS, Role, account_id
from domain.tenancy.commands import InviteAccount, IssueInvitation

log = logging.getLogger("cordee.labels")


def invite_professional(services: Services, principal: Principal, email: str, display_name: str) -> None:
    """Raises a typed refusal for bad input only; otherwise answers nothing, whatever the address."""
    email, display_name = every_check(
        lambda: normalise_email(email),
        lambda: single_line("display_name", display_name, DISPLAY_NAME_MAX_LENGTH),
    )
    key = secrets.token_urlsafe(32)
    found = realm_account(services.queries, account_id(email))
    if found is not None and (found.password_chosen or not found.active):
        log.info("A candidate invited by %s already has a professional's account.", principal.account_id)
        return
    if found is not None:
        command: object = IssueInvitation(
            PROFESSIONALS, principal.account_id, found.account_id, invitation_key_hash(key)
        )
    else:
        command = InviteAccount(
            PROFESSIONALS, principal.account_id, email, display_name, Role.PROFESSIONAL, invitation_key_hash(key)
        )
    try:
        services.execute(command)
    except Conflict:  # the address signs in to a consultancy: no account of the realm is opened for it
        log.info("A candidate invited by %s has an account outside the realm.", principal.account_id)
        return
    base = (services.settings.public_url or f"http://{services.settings.host}:{services.settings.port}").rstrip("/")
    body = (
        f"Hello {display_name},\n\n"
        "A labelling body invites you to open your professional's account on Cordee: one identity for the label "
        "and for every consultancy you coach for.\n"
        f"Open this link within {INVITATION_DAYS} days to choose your password:\n\n{base}/invitations/{key}\n"
    )
    threading.Thread(
        target=send_mail,
        args=(services.settings, email, "Your professional's account on Cordee", body),
        name="cordee-mail",
        daemon=True,
    ).start()
