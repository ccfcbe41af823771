"""Tenancy's commands: the consultancy's settings."""

from __future__ import annotations

import secrets

import anyio
import strawberry
from strawberry.types import Info

from backend.auth.current import calendar_key_hash
from backend.auth.passwords import check_password_change, hash_password
from backend.auth.tenant_secrets import OIDC_CLIENT_SECRET, SECRET_MAX_LENGTH
from backend.graphql.core.commands import change
from backend.graphql.core.context import Context
from backend.graphql.core.errors import NotFoundError, Refusal, user_error
from backend.graphql.core.permissions import IsAuthenticated
from backend.graphql.tenancy.actions import CHANGE_OWN_PASSWORD, CHANGE_SETTINGS, MANAGE_OWN_CALENDAR_LINK
from backend.graphql.tenancy.queries import consultancy, viewer
from backend.graphql.tenancy.types import (
    CalendarLink,
    CalendarLinkResult,
    ChangePasswordInput,
    ConsultancyChangeResult,
    ProgrammeTemplateInput,
    SingleSignOnInput,
    ViewerChangeResult,
)
from backend.policy import may
from domain.application import Saved
from domain.programme_template.template import ProgrammeTemplate as DomainTemplate
from domain.shared.errors import ValidationFailed
from domain.tenancy.commands import (
    ChangePassword,
    ChangeProgrammeTemplate,
    ConfigureSingleSignOn,
    IssueCalendarKey,
    RevokeCalendarKey,
    SetLargeClustersAllowed,
    SetSecondFactorRequired,
    SetSingleOrganisationBaseline,
)


@strawberry.type
class TenancyMutation:
    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def set_large_clusters_allowed(self, info: Info[Context, None], allowed: bool) -> ConsultancyChangeResult:
        done = await change(info, CHANGE_SETTINGS, SetLargeClustersAllowed, allowed=allowed)
        return _settings(info, done)

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Whether the consultancy's admins and coaches must sign in with a second factor.",
    )
    async def set_second_factor_required(self, info: Info[Context, None], required: bool) -> ConsultancyChangeResult:
        done = await change(info, CHANGE_SETTINGS, SetSecondFactorRequired, required=required)
        return _settings(info, done)

    @strawberry.mutation(permission_classes=[IsAuthenticated], description="Records a new version of the template.")
    async def change_programme_template(
        self, info: Info[Context, None], input: ProgrammeTemplateInput
    ) -> ConsultancyChangeResult:
        try:
            template = DomainTemplate(**{**vars(input), "modules": tuple(input.modules)})
        except ValidationFailed as error:
            return _settings(info, user_error(error))
        done = await change(info, CHANGE_SETTINGS, ChangeProgrammeTemplate, template=template)
        return _settings(info, done)

    @strawberry.mutation(permission_classes=[IsAuthenticated], description="Changes the signed-in person's password.")
    async def change_password(self, info: Info[Context, None], input: ChangePasswordInput) -> ViewerChangeResult:
        try:
            password_hash = await anyio.to_thread.run_sync(new_password_hash, info.context, input)
        except ValidationFailed as error:
            return user_error(error)
        done = await change(info, CHANGE_OWN_PASSWORD, ChangePassword, password_hash=password_hash)
        if not isinstance(done, tuple):
            return done
        info.context.services.sessions.close_all(info.context.signed_in.account_id, keep=info.context.session_token)
        return viewer(info)

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="A new secret link to the viewer's sessions for calendar applications; any earlier one stops.",
    )
    async def make_calendar_link(self, info: Info[Context, None]) -> CalendarLinkResult:
        key = secrets.token_urlsafe(32)
        done = await change(info, MANAGE_OWN_CALENDAR_LINK, IssueCalendarKey, key_hash=calendar_key_hash(key))
        return done if not isinstance(done, tuple) else CalendarLink(path=f"/feeds/{key}.ics", viewer=viewer(info))

    @strawberry.mutation(permission_classes=[IsAuthenticated], description="Stops the viewer's calendar link.")
    async def stop_calendar_link(self, info: Info[Context, None]) -> ViewerChangeResult:
        done = await change(info, MANAGE_OWN_CALENDAR_LINK, RevokeCalendarKey)
        return done if not isinstance(done, tuple) else viewer(info)

    @strawberry.mutation(permission_classes=[IsAuthenticated])
    async def set_single_organisation_baseline(self, info: Info[Context, None], days: float) -> ConsultancyChangeResult:
        done = await change(info, CHANGE_SETTINGS, SetSingleOrganisationBaseline, days=days)
        return _settings(info, done)

    @strawberry.mutation(
        permission_classes=[IsAuthenticated],
        description="Configures the consultancy's OpenID provider for single sign-on. The client secret is kept "
        "encrypted outside the consultancy's history, which records only its fingerprint.",
    )
    async def configure_single_sign_on(
        self, info: Info[Context, None], input: SingleSignOnInput
    ) -> ConsultancyChangeResult:
        fingerprint = None
        if input.client_secret and may(info.context.signed_in, CHANGE_SETTINGS):  # stores nothing for the refused
            try:
                fingerprint = await anyio.to_thread.run_sync(_stored_secret, info.context, input.client_secret)
            except ValidationFailed as error:
                return _settings(info, user_error(error))
        done = await change(
            info,
            CHANGE_SETTINGS,
            ConfigureSingleSignOn,
            issuer=input.issuer,
            client_identifier=input.client_identifier,
            allowed_domains=tuple(input.allowed_domains),
            enabled=input.enabled,
            secret_fingerprint=fingerprint,
        )
        return _settings(info, done)


def _stored_secret(context: Context, secret: str) -> str:
    """Keeps the client secret, encrypted, and answers its fingerprint."""
    if len(secret) > SECRET_MAX_LENGTH or not secret.isprintable() or secret != secret.strip():
        raise ValidationFailed(
            "client_secret", f"Enter the client secret as the provider gave it, at most {SECRET_MAX_LENGTH} characters."
        )
    store = context.services.tenant_secrets
    if store is None:
        raise RuntimeError("These services keep no tenant secrets")
    return store.store(context.signed_in.tenant_id, OIDC_CLIENT_SECRET, secret)


def new_password_hash(context: Context, given: ChangePasswordInput) -> str:
    """The new password's hash, once the current one is proven and the new one is good (argon2id: slow on purpose)."""
    email = context.signed_in.email
    known = context.services.queries.tenancy.sign_in(email)
    check_password_change(known.password_hash if known else None, given.current_password, given.new_password, email)
    return hash_password(given.new_password)


def _settings(info: Info[Context, None], done: tuple[object, Saved] | Refusal) -> ConsultancyChangeResult:
    """The consultancy with its settings changed; a change of settings names no id, so nothing is not found."""
    if isinstance(done, NotFoundError):
        raise LookupError(done.message)
    return done if not isinstance(done, tuple) else consultancy(info)
