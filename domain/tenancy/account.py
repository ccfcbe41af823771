"""User accounts: who may sign in, for which consultancy, with which roles."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from uuid import UUID, uuid5

from eventsourcing.domain import event

from domain.shared.aggregate import CORDEE_NAMESPACE, TenantAggregate
from domain.shared.calendar import business_date, optional_business_date, stated_today
from domain.shared.email import normalise_email
from domain.shared.errors import ValidationFailed, every_check
from domain.shared.text import NAME_MAX_LENGTH, REASON_MAX_LENGTH, multi_line, single_line
from domain.tenancy.single_sign_on import SingleSignOnSettings, check_subject

_KEY_HASH = re.compile(r"[0-9a-f]{64}")

DISPLAY_NAME_MAX_LENGTH = NAME_MAX_LENGTH
PASSWORD_HASH_MAX_LENGTH = 1000
NO_PASSWORD_YET = "!invited"  # noqa: S105 (a marker no hash equals, not a password)
"""The password hash of an account opened by invitation until its person chooses one: matches no password."""
INVITATION_DAYS = 14
"""How long an invitation link works: long enough for a holiday, short enough not to linger in a mailbox."""
API_TOKEN_NAME_MAX_LENGTH = 100
API_TOKEN_MAX_DAYS = 366
"""The longest a personal access token may live: a year, so a forgotten one does not work for ever."""
API_TOKENS_MAX = 20
"""The most personal access tokens one account may hold at once (not revoked, not expired)."""
API_SCOPES = ("read", "write")
"""What an API token may do: `read` runs queries only; `write` runs queries and mutations."""


class Role(StrEnum):
    CONSULTANCY_ADMIN = "consultancy_admin"
    COACH = "coach"
    """Coaches the clusters they lead (a cluster names its coach), their organisations and the candidates."""
    MEMBER = "member"
    """Someone of a member organisation: sees their own organisation's work and the cluster's shared view. Stored
    accounts opened with it keep it; it reads as the organisation's ISMS manager, and is no longer granted."""
    ISMS_MANAGER = "isms_manager"
    """Edits and approves the organisation's registers, and grants its own staff their access."""
    CONTRIBUTOR = "contributor"
    """Edits the organisation's registers, but approves, accepts and closes nothing."""
    VIEWER = "viewer"
    """Reads the organisation's registers."""
    AUDITOR = "auditor"
    """Reads one organisation's registers, within a window that ends by itself; every page they open is recorded."""
    LABELLING_BODY = "labelling_body"
    """Staff of a labelling body: acts in the body's own tenant only, and sees nothing of any consultancy."""
    PROFESSIONAL = "professional"
    """A professional in the professionals' realm: their own links and requests, nothing of any consultancy."""


CONSULTANCY_ROLES = frozenset({Role.CONSULTANCY_ADMIN, Role.COACH})
"""Roles held on the consultancy, by its own people (an account that names no organisation)."""
ORGANISATION_ROLES = frozenset({Role.MEMBER, Role.ISMS_MANAGER, Role.CONTRIBUTOR, Role.VIEWER, Role.AUDITOR})
"""Roles held on one organisation, by an account of that organisation."""
REALM_ROLES = frozenset({Role.LABELLING_BODY, Role.PROFESSIONAL})
"""Roles held outside any consultancy: a labelling body's staff in its tenant, a professional in their realm. Each is
the account's only role."""
AUDIT_WINDOW_MAX_DAYS = 92
"""The longest an auditor's window lasts, first and last day included: a certification audit and its follow-up
fit in a quarter; a longer engagement is granted anew, so someone decides again that the access is still needed."""


def opening_grant_id(account_id: UUID, role: str) -> UUID:
    """The id of the grant an account's opening gave it, so a stored account's roles can be revoked like grants."""
    return uuid5(account_id, f"grant:opened:{role}")


@dataclass(frozen=True)
class Grant:
    """A role held on the consultancy or on the account's organisation, from a day until a day (both included; none
    for open-ended), until revoked. Revoked grants stay, with who revoked them and why."""

    grant_id: UUID
    role: Role
    organisation_id: UUID | None
    valid_from: date | None
    valid_until: date | None
    revoked: bool = False

    def current(self, day: date | None) -> bool:
        """Not revoked and, on `day` (when known), inside its window."""
        if self.revoked:
            return False
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def overlaps(self, valid_from: date, valid_until: date | None) -> bool:
        starts_before_end = valid_until is None or self.valid_from is None or self.valid_from <= valid_until
        ends_after_start = self.valid_until is None or valid_from <= self.valid_until
        return not self.revoked and starts_before_end and ends_after_start


def _check_roles(roles: list[Role], organisation_id: UUID | None) -> None:
    if not roles:
        raise ValidationFailed("roles", "Give the account at least one role.")
    if any(role in REALM_ROLES for role in roles) and (len(set(roles)) > 1 or organisation_id is not None):
        raise ValidationFailed("roles", "A labelling body's or a professional's account holds that one role only.")
    if Role.AUDITOR in roles:
        raise ValidationFailed("roles", "An auditor's access has a window: it is granted with its first and last day.")
    of_organisation = any(role in ORGANISATION_ROLES for role in roles)
    if of_organisation != (organisation_id is not None):
        raise ValidationFailed(
            "organisation_id", "An account of a member organisation, and only one, names its organisation."
        )
    if of_organisation and any(role in CONSULTANCY_ROLES for role in roles):
        raise ValidationFailed("roles", "A member of an organisation holds no consultancy role.")


def account_id(email: str) -> UUID:
    """An e-mail address is one sign-in, across all consultancies, so its id lives in the global namespace."""
    return uuid5(CORDEE_NAMESPACE, f"account:{normalise_email(email)}")


class Account(TenantAggregate):
    """A person's sign-in. The password is kept only as a hash made outside the domain."""

    @classmethod
    def open(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        email: str,
        display_name: str,
        password_hash: str,
        roles: list[Role],
        organisation_id: UUID | None = None,
    ) -> Account:
        email, display_name, *_ = every_check(
            lambda: normalise_email(email),
            lambda: single_line("display_name", display_name, DISPLAY_NAME_MAX_LENGTH),
            lambda: _check_roles(roles, organisation_id),
        )
        return cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            email=email,
            display_name=display_name,
            password_hash=single_line("password_hash", password_hash, PASSWORD_HASH_MAX_LENGTH),
            roles=sorted({Role(role).value for role in roles}),
            organisation_id=organisation_id,
        )

    @classmethod
    def open_invited_auditor(
        cls,
        tenant_id: UUID,
        actor_id: UUID,
        email: str,
        display_name: str,
        organisation_id: UUID,
        grant: GrantRequest,
    ) -> Account:
        """An auditor's account, with no password yet and no role but the auditor's grant, made in the same save:
        their access has a window from the start."""
        email, display_name = every_check(
            lambda: normalise_email(email),
            lambda: single_line("display_name", display_name, DISPLAY_NAME_MAX_LENGTH),
        )
        account = cls(
            tenant_id=tenant_id,
            actor_id=actor_id,
            email=email,
            display_name=display_name,
            password_hash=NO_PASSWORD_YET,
            roles=[],
            organisation_id=organisation_id,
        )
        account.grant(actor_id, grant)
        return account

    @staticmethod
    def create_id(
        tenant_id: UUID,
        actor_id: UUID,
        email: str,
        display_name: str,
        password_hash: str,
        roles: list[str],
        organisation_id: UUID | None,
    ) -> UUID:
        return account_id(email)

    @event("Opened")
    def __init__(
        self,
        tenant_id: UUID,
        actor_id: UUID,
        email: str,
        display_name: str,
        password_hash: str,
        roles: list[str],
        organisation_id: UUID | None,
    ) -> None:
        self.tenant_id = tenant_id
        self.email = email
        self.display_name = display_name
        self.password_hash = password_hash
        self.organisation_id = organisation_id
        self.grants: dict[UUID, Grant] = {}
        for role in roles:
            grant_id = opening_grant_id(self.id, role)
            self.grants[grant_id] = Grant(grant_id, Role(role), organisation_id, None, None)
        self.calendar_key_hash: str | None = None
        self.invitation_hash: str | None = None
        self.invitation_expires_on: date | None = None
        self.active = True
        self.api_tokens: dict[UUID, date] = {}
        """The account's personal access tokens not revoked, by id, with their last day."""
        self.second_factor = False
        self.single_sign_on_subjects: dict[str, str] = {}
        """The subject this person is known as at each provider they signed in through, by issuer."""

    @classmethod
    def open_by_single_sign_on(
        cls, tenant_id: UUID, email: str, display_name: str, provider: SingleSignOnSettings, subject: str
    ) -> Account:
        """The account of someone signing in for the first time through the consultancy's provider, with a
        verified address of an allowed domain: it holds no role, so it sees nothing until an admin grants one, and
        no password. The person opens it themselves: they are its actor."""
        email, display_name, subject = every_check(
            lambda: normalise_email(email),
            lambda: single_line("display_name", display_name, DISPLAY_NAME_MAX_LENGTH),
            lambda: check_subject(subject),
        )
        if not provider.enabled:
            raise ValidationFailed("issuer", "Single sign-on is switched off for this consultancy.")
        if not provider.allows(email):
            raise ValidationFailed("email", "New accounts are not opened for this e-mail domain.")
        new_id = account_id(email)
        account = cls(
            tenant_id=tenant_id,
            actor_id=new_id,
            email=email,
            display_name=display_name,
            password_hash=NO_PASSWORD_YET,
            roles=[],
            organisation_id=None,
        )
        account._single_sign_on_linked(new_id, provider.issuer, subject)
        return account

    @property
    def roles(self) -> list[Role]:
        """The roles of its grants current on the business day (when one is stated), a legacy member's included."""
        today = stated_today()
        return sorted({grant.role for grant in self.grants.values() if grant.current(today)})

    def has_role(self, role: Role) -> bool:
        """`MEMBER` asks whether the account is one of its organisation's own people (an auditor is not)."""
        if role is Role.MEMBER:
            return bool({Role.MEMBER, Role.ISMS_MANAGER, Role.CONTRIBUTOR, Role.VIEWER} & set(self.roles))
        return role in self.roles

    def link_single_sign_on(
        self, provider: SingleSignOnSettings, subject: str, email: str, email_verified: bool
    ) -> None:
        """Links the account to the person the provider knows as `subject`, at their first sign-in through it: only
        when the provider vouches for this very address, and the account is active and not linked there yet."""
        subject = check_subject(subject)
        if not provider.enabled:
            raise ValidationFailed("issuer", "Single sign-on is switched off for this consultancy.")
        if not email_verified or normalise_email(email) != self.email:
            raise ValidationFailed("email", "The provider has not verified this e-mail address.")
        self._check_active("account_id")
        if provider.issuer in self.single_sign_on_subjects:
            raise ValidationFailed("subject", "This account is already linked to someone else at this provider.")
        self._single_sign_on_linked(self.id, provider.issuer, subject)

    @event("SingleSignOnLinked")
    def _single_sign_on_linked(self, actor_id: UUID, issuer: str, subject: str) -> None:
        self.single_sign_on_subjects = {**self.single_sign_on_subjects, issuer: subject}

    def grant(self, actor_id: UUID, request: GrantRequest) -> None:
        """Grants a role, from a day until a day. Refused: on one's own account (nobody raises their own access),
        on a deactivated account, a role that does not fit whom it is granted to, a window that starts in the past,
        ends before it starts, or (an auditor's) is missing or longer than `AUDIT_WINDOW_MAX_DAYS`; an auditor who
        holds any other role of the organisation, or the reverse (an audit is independent); the same role twice at
        once; an admin's grant with an end (the consultancy must never run out of admins by the calendar)."""
        if actor_id == self.id:
            raise ValidationFailed("account_id", "You cannot change your own access: another admin does it.")
        self._check_active("account_id")
        role = Role(request.role)
        self._check_target(role, request.organisation_id)
        valid_from = optional_business_date("valid_from", request.valid_from) or request.today
        valid_until = optional_business_date("valid_until", request.valid_until)
        self._check_window(role, valid_from, valid_until, request.today)
        self._check_independence(role, request.today)
        if any(g.role == role and g.overlaps(valid_from, valid_until) for g in self.grants.values()):
            raise ValidationFailed("role", "This person already holds this role for some of these days.")
        self._role_granted(actor_id, request.grant_id, role.value, request.organisation_id, valid_from, valid_until)

    def _check_target(self, role: Role, organisation_id: UUID | None) -> None:
        if role is Role.MEMBER:
            raise ValidationFailed(
                "role", "Grant an ISMS manager, a contributor or a viewer: member is no longer granted."
            )
        if role in CONSULTANCY_ROLES:
            if self.organisation_id is not None:
                raise ValidationFailed("role", "A member of an organisation holds no consultancy role.")
            if organisation_id is not None:
                raise ValidationFailed(
                    "organisation_id", "A consultancy role is held on the consultancy: name no organisation."
                )
            return
        if organisation_id is None:
            raise ValidationFailed("organisation_id", "Name the organisation this role is held on.")
        if organisation_id != self.organisation_id:
            raise ValidationFailed(
                "organisation_id", "This person is not of this organisation: a role is held on one's own organisation."
            )

    def _check_window(self, role: Role, valid_from: date, valid_until: date | None, today: date) -> None:
        if valid_from < today:
            raise ValidationFailed("valid_from", "A grant starts today or later: access in the past cannot be given.")
        if valid_until is not None and valid_until < valid_from:
            raise ValidationFailed("valid_until", "A grant ends on or after the day it starts.")
        if role is Role.CONSULTANCY_ADMIN and valid_until is not None:
            raise ValidationFailed(
                "valid_until",
                "An admin's grant is open-ended: revoke it when it should end, so an admin always remains.",
            )
        if role is Role.AUDITOR:
            if valid_until is None:
                raise ValidationFailed("valid_until", "An auditor's access ends: give the last day of the audit.")
            if (valid_until - valid_from).days + 1 > AUDIT_WINDOW_MAX_DAYS:
                raise ValidationFailed(
                    "valid_until",
                    f"An auditor's window lasts at most {AUDIT_WINDOW_MAX_DAYS} days: grant a new one later.",
                )

    def _check_independence(self, role: Role, today: date) -> None:
        """An auditor holds no other role of the organisation they audit, and someone who works on its registers is
        not its auditor (from today on: a grant that has ended is history)."""
        others = {
            g.role for g in self.grants.values() if not g.revoked and (g.valid_until is None or g.valid_until >= today)
        }
        if role is Role.AUDITOR and others - {Role.AUDITOR}:
            raise ValidationFailed(
                "role", "An auditor is independent: this person holds another role of the organisation."
            )
        if role is not Role.AUDITOR and Role.AUDITOR in others:
            raise ValidationFailed("role", "This person is the organisation's auditor: an auditor holds no other role.")

    @event("RoleGranted")
    def _role_granted(
        self,
        actor_id: UUID,
        grant_id: UUID,
        role: str,
        organisation_id: UUID | None,
        valid_from: date,
        valid_until: date | None,
    ) -> None:
        self.grants[grant_id] = Grant(grant_id, Role(role), organisation_id, valid_from, valid_until)

    def revoke_grant(self, actor_id: UUID, grant_id: UUID, reason: str, active_admins: frozenset[UUID]) -> None:
        """Ends a grant now; it stays in the history, revoked, with why. Never one's own, never twice, never the
        admin grant of the consultancy's last active admin (`active_admins`: the admins' accounts active now)."""
        if actor_id == self.id:
            raise ValidationFailed("account_id", "You cannot change your own access: another admin does it.")
        held = self.grants.get(grant_id)
        if held is None:
            raise ValidationFailed("grant_id", "This account holds no grant with this id.")
        if held.revoked:
            raise ValidationFailed("grant_id", "This grant is already revoked.")
        if held.role is Role.CONSULTANCY_ADMIN and self._admin_grants() == {grant_id} and not active_admins - {self.id}:
            raise ValidationFailed("grant_id", "This is the last active admin of the consultancy: keep their grant.")
        self._grant_revoked(actor_id, grant_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    def _admin_grants(self) -> set[UUID]:
        return {g.grant_id for g in self.grants.values() if g.role is Role.CONSULTANCY_ADMIN and not g.revoked}

    def loses_admin_with(self, grant_id: UUID) -> bool:
        """Whether revoking this grant leaves the account with no admin grant."""
        return self._admin_grants() == {grant_id}

    @event("GrantRevoked")
    def _grant_revoked(self, actor_id: UUID, grant_id: UUID, reason: str) -> None:
        self.grants[grant_id] = replace(self.grants[grant_id], revoked=True)

    def change_password(self, actor_id: UUID, password_hash: str) -> None:
        """A person changes their own password; the hash is made, and the password checked, outside the domain."""
        self._check_own(actor_id, "A password is changed by its own account only.")
        self._password_changed(actor_id, single_line("password_hash", password_hash, PASSWORD_HASH_MAX_LENGTH))

    @event("PasswordChanged")
    def _password_changed(self, actor_id: UUID, password_hash: str) -> None:
        self.password_hash = password_hash

    def reset_password(self, password_hash: str) -> None:
        """The person proved they read the account's mailbox (a reset link): their new password, as its hash."""
        self._check_active("account_id")
        password_hash = single_line("password_hash", password_hash, PASSWORD_HASH_MAX_LENGTH)
        if not password_hash.startswith("$argon2"):
            raise ValidationFailed("password_hash", "A password is kept as its argon2 hash, made by the server.")
        self._password_reset(self.id, password_hash)

    @event("PasswordReset")
    def _password_reset(self, actor_id: UUID, password_hash: str) -> None:
        self.password_hash = password_hash

    def enable_second_factor(self, actor_id: UUID) -> None:
        """The person confirmed an authenticator with a code. The secret is kept outside the events: the event is the
        fact, for the history, never the secret."""
        self._check_own(actor_id, "A second factor is set up by its own account only.")
        if getattr(self, "second_factor", False):
            raise ValidationFailed("code", "A second factor is already in force: disable it first.")
        self._second_factor_enabled(actor_id)

    @event("SecondFactorEnabled")
    def _second_factor_enabled(self, actor_id: UUID) -> None:
        self.second_factor = True

    def disable_second_factor(self, actor_id: UUID) -> None:
        self._check_own(actor_id, "A second factor is turned off by its own account only.")
        if not getattr(self, "second_factor", False):
            raise ValidationFailed("code", "There is no second factor to disable.")
        self._second_factor_disabled(actor_id)

    @event("SecondFactorDisabled")
    def _second_factor_disabled(self, actor_id: UUID) -> None:
        self.second_factor = False

    def regenerate_recovery_codes(self, actor_id: UUID) -> None:
        """New recovery codes replaced the earlier ones (the codes themselves are not in the event)."""
        self._check_own(actor_id, "Recovery codes are made by their own account only.")
        if not getattr(self, "second_factor", False):
            raise ValidationFailed("code", "Recovery codes come with a second factor: set one up first.")
        self._recovery_codes_regenerated(actor_id)

    @event("RecoveryCodesRegenerated")
    def _recovery_codes_regenerated(self, actor_id: UUID) -> None:
        pass

    def issue_calendar_key(self, actor_id: UUID, key_hash: str) -> None:
        """A new secret for the person's calendar feed; any earlier one stops working. Only its hash is kept."""
        self._check_own(actor_id, "A calendar link is made by its own account only.")
        _check_key_hash(key_hash, "A calendar key")
        self._calendar_key_issued(actor_id, key_hash)

    @event("CalendarKeyIssued")
    def _calendar_key_issued(self, actor_id: UUID, key_hash: str) -> None:
        self.calendar_key_hash = key_hash

    def revoke_calendar_key(self, actor_id: UUID) -> None:
        self._check_own(actor_id, "A calendar link is stopped by its own account only.")
        if self.calendar_key_hash is None:
            raise ValidationFailed(None, "There is no calendar link to stop.")
        self._calendar_key_revoked(actor_id)

    @event("CalendarKeyRevoked")
    def _calendar_key_revoked(self, actor_id: UUID) -> None:
        self.calendar_key_hash = None

    def issue_api_token(
        self, actor_id: UUID, token_id: UUID, name: str, scopes: list[str], expires_on: date, key_hash: str, today: date
    ) -> None:
        """A personal access token for the person's own integrations. Only its hash is kept; it works until its
        last day, `expires_on` (at most a year ahead), or until revoked."""
        self._check_own(actor_id, "A personal access token is made by its own account only.")
        self._check_active("actor_id")
        name, scopes, *_ = every_check(
            lambda: single_line("name", name, API_TOKEN_NAME_MAX_LENGTH),
            lambda: check_scopes(scopes),
            lambda: _check_expiry(expires_on, today),
            lambda: _check_key_hash(key_hash, "A personal access token"),
        )
        if token_id in self.api_tokens:
            raise ValidationFailed("token_id", "A token with this id already exists.")
        if sum(1 for last_day in self.api_tokens.values() if last_day >= today) >= API_TOKENS_MAX:
            raise ValidationFailed("name", f"You hold {API_TOKENS_MAX} tokens already: revoke one you no longer use.")
        self._api_token_issued(actor_id, token_id, name, scopes, expires_on, key_hash)

    @event("ApiTokenIssued")
    def _api_token_issued(
        self, actor_id: UUID, token_id: UUID, name: str, scopes: list[str], expires_on: date, key_hash: str
    ) -> None:
        self.api_tokens[token_id] = expires_on

    def revoke_api_token(self, actor_id: UUID, token_id: UUID) -> None:
        """The token, and every access token exchanged for it, stop at once."""
        self._check_own(actor_id, "A personal access token is revoked by its own account only.")
        if token_id not in self.api_tokens:
            raise ValidationFailed("token_id", "No token of yours with this id, or it is revoked already.")
        self._api_token_revoked(actor_id, token_id)

    @event("ApiTokenRevoked")
    def _api_token_revoked(self, actor_id: UUID, token_id: UUID) -> None:
        self.api_tokens.pop(token_id, None)

    def invite(self, actor_id: UUID, key_hash: str, today: date) -> date:
        """A new one-time link for the person to choose their password; any earlier link stops. Only its hash is
        kept. Answers the last day the link works."""
        self._check_active("account_id")
        if self.password_hash != NO_PASSWORD_YET:
            raise ValidationFailed(
                "account_id",
                "This person has chosen a password: a link would let whoever opens it take the account over. "
                "They change their password on their account page.",
            )
        _check_key_hash(key_hash, "An invitation key")
        self._invitation_issued(actor_id, key_hash, today + timedelta(days=INVITATION_DAYS))
        return today + timedelta(days=INVITATION_DAYS)

    @event("InvitationIssued")
    def _invitation_issued(self, actor_id: UUID, key_hash: str, expires_on: date) -> None:
        self.invitation_hash = key_hash
        self.invitation_expires_on = expires_on

    def accept_invitation(self, key_hash: str, password_hash: str, today: date) -> None:
        """The invited person sets their password with the link: once, before it expires, while the account is
        active. Every refusal reads the same, so the link tells nothing of why it does not work."""
        password_hash = single_line("password_hash", password_hash, PASSWORD_HASH_MAX_LENGTH)
        if not password_hash.startswith("$argon2"):
            raise ValidationFailed("password_hash", "A password is kept as its argon2 hash, made by the server.")
        expires_on = self.invitation_expires_on
        if not self.active or self.invitation_hash != key_hash or expires_on is None or today > expires_on:
            raise ValidationFailed("key_hash", INVITATION_REFUSED)
        self._invitation_accepted(self.id, password_hash)

    @event("InvitationAccepted")
    def _invitation_accepted(self, actor_id: UUID, password_hash: str) -> None:
        self.password_hash = password_hash
        self.invitation_hash = None
        self.invitation_expires_on = None

    def deactivate(self, actor_id: UUID, reason: str, active_admins: frozenset[UUID]) -> None:
        """The person can no longer sign in, their sessions and calendar link stop. Never one's own account, never
        the consultancy's last active admin (`active_admins`: the admins' accounts that are active now)."""
        if actor_id == self.id:
            raise ValidationFailed("account_id", "You cannot deactivate your own account.")
        if not self.active:
            raise ValidationFailed("account_id", "This account is already deactivated.")
        if self.has_role(Role.CONSULTANCY_ADMIN) and not active_admins - {self.id}:
            raise ValidationFailed("account_id", "This is the last active admin of the consultancy: keep it.")
        self._deactivated(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Deactivated")
    def _deactivated(self, actor_id: UUID, reason: str) -> None:
        self.active = False
        self.calendar_key_hash = None
        self.invitation_hash = None
        self.invitation_expires_on = None

    def reactivate(self, actor_id: UUID, reason: str) -> None:
        """A correction: the account was deactivated by mistake. Its calendar link stays stopped."""
        if self.active:
            raise ValidationFailed("account_id", "This account is active.")
        self._reactivated(actor_id, multi_line("reason", reason, REASON_MAX_LENGTH))

    @event("Reactivated")
    def _reactivated(self, actor_id: UUID, reason: str) -> None:
        self.active = True

    def _check_active(self, field: str) -> None:
        if not self.active:
            raise ValidationFailed(field, "This account is deactivated: reactivate it first.")

    def _check_own(self, actor_id: UUID, message: str) -> None:
        if actor_id != self.id:
            raise ValidationFailed("actor_id", message)


@dataclass(frozen=True)
class GrantRequest:
    """A role to grant: on whom it is held (no organisation for a consultancy role), and its window (from today when
    no first day is given; open-ended when no last day is)."""

    grant_id: UUID
    role: Role
    today: date
    organisation_id: UUID | None = None
    valid_from: date | None = None
    valid_until: date | None = None


INVITATION_REFUSED = "This invitation link does not work: it was used, replaced or has expired. Ask for a new one."


def check_scopes(scopes: list[str]) -> list[str]:
    """The scopes, known, each once, in their canonical order; at least one."""
    given = {str(scope).strip().lower() for scope in scopes or []}
    if given - set(API_SCOPES):
        raise ValidationFailed("scopes", f"Choose scopes from: {', '.join(API_SCOPES)}.")
    if not given:
        raise ValidationFailed("scopes", "Choose at least one scope: read, or write.")
    return [scope for scope in API_SCOPES if scope in given]


def _check_expiry(expires_on: date, today: date) -> None:
    business_date("expires_on", expires_on)
    if not today < expires_on <= today + timedelta(days=API_TOKEN_MAX_DAYS):
        raise ValidationFailed(
            "expires_on", f"Choose a last day after today and at most {API_TOKEN_MAX_DAYS} days ahead."
        )


def _check_key_hash(key_hash: str, what: str) -> None:
    check_key_hash(key_hash, what)


def check_key_hash(key_hash: str, what: str, field: str = "key_hash") -> None:
    if not _KEY_HASH.fullmatch(key_hash or ""):
        raise ValidationFailed(field, f"{what} is kept as its SHA-256 hash, in hexadecimal.")
