"""The labelling body's creation and the professional links' handlers: load, call one method, save.

A request is checked in the consultancy (its coach account, by the application's port); an answer in the realm, on
the request it answers, read from the consultancy's tenant and refused as a missing one unless it is addressed to
the professional answering."""

from __future__ import annotations

from datetime import date
from typing import Protocol
from uuid import UUID

from domain.labels.body import PROFESSIONALS, LabellingBody
from domain.labels.link_commands import (
    AnswerProfessionalLink,
    CreateLabellingBody,
    EndProfessionalConsent,
    EndProfessionalLink,
    RequestProfessionalLink,
)
from domain.labels.links import (
    ALREADY_ANSWERED,
    ALREADY_REQUESTED,
    NO_REQUEST,
    NOT_IN_FORCE,
    ProfessionalConsent,
    ProfessionalLink,
    consent_id,
    link_id,
)
from domain.shared.calendar import latest_date_on_earth, stated_today
from domain.shared.email import normalise_email
from domain.shared.errors import Conflict, Forbidden, NotFound, ValidationFailed, every_check
from domain.shared.ports import Coaches, Handler, Store
from domain.shared.service import Saved

IN_THE_REALM_ONLY = "Only a professional, signed in as themself, answers a request."


class LinkParties(Store, Coaches, Protocol):
    """The names a link shows (its coach account's and its consultancy's, as they are when it is asked), and the
    professional's own e-mail address, read from their account in the realm."""

    def account_name(self, tenant_id: UUID, account_id: UUID) -> str: ...

    def account_email(self, tenant_id: UUID, account_id: UUID) -> str: ...

    def tenant_name(self, tenant_id: UUID) -> str: ...


def create_labelling_body(app: Store, cmd: CreateLabellingBody) -> Saved:
    body = LabellingBody.create(cmd.actor_id, cmd.name, cmd.slug)
    return app.save_new(body, "slug", "A labelling body with this short name already exists.")


def request_professional_link(app: LinkParties, cmd: RequestProfessionalLink) -> Saved:
    """The same answer whether or not a professional has this e-mail: nothing is looked up in the realm."""
    if cmd.tenant_id == PROFESSIONALS:
        raise Forbidden("A professional's realm asks no link.", "coach_id")
    email, _ = every_check(
        lambda: normalise_email(cmd.email),
        lambda: app.check_coach(cmd.tenant_id, cmd.coach_id, "coach_id"),
    )
    names = app.account_name(cmd.tenant_id, cmd.coach_id), app.tenant_name(cmd.tenant_id)
    found = link_id(cmd.tenant_id, cmd.coach_id, email)
    if not app.exists(ProfessionalLink, cmd.tenant_id, found):
        link = ProfessionalLink.request(cmd.tenant_id, cmd.actor_id, cmd.coach_id, email, names, _today())
        return app.save_new(link, "email", ALREADY_REQUESTED)
    link = app.get(ProfessionalLink, cmd.tenant_id, found, "email")
    link.request_again(cmd.actor_id, names, _today())
    return app.save_changes(link)


def end_professional_link(app: Store, cmd: EndProfessionalLink) -> Saved:
    link = app.get(ProfessionalLink, cmd.tenant_id, cmd.link_id, "link_id")
    link.end(cmd.actor_id, _today())
    return app.save_changes(link)


def answer_professional_link(app: LinkParties, cmd: AnswerProfessionalLink) -> Saved:
    link = _addressed(app, cmd.tenant_id, cmd.actor_id, cmd.consultancy_id, cmd.link_id)
    if link.ended:
        raise NotFound(NO_REQUEST, "link_id")  # a withdrawn request is no longer the professional's to answer
    if app.exists(ProfessionalConsent, PROFESSIONALS, consent_id(link.tenant_id, link.id, link.round)):
        raise Conflict(ALREADY_ANSWERED, "link_id")
    name = app.account_name(PROFESSIONALS, cmd.actor_id)
    consent = ProfessionalConsent.answer(cmd.actor_id, link, name, cmd.consenting, _today())
    return app.save_new(consent, "link_id", ALREADY_ANSWERED)


def end_professional_consent(app: LinkParties, cmd: EndProfessionalConsent) -> Saved:
    link = _addressed(app, cmd.tenant_id, cmd.actor_id, cmd.consultancy_id, cmd.link_id)
    found = consent_id(link.tenant_id, link.id, link.round)
    if not app.exists(ProfessionalConsent, PROFESSIONALS, found):
        raise ValidationFailed("link_id", NOT_IN_FORCE)
    consent = app.get(ProfessionalConsent, PROFESSIONALS, found, "link_id")
    consent.end(cmd.actor_id, _today())
    return app.save_changes(consent)


def _addressed(
    app: LinkParties, tenant_id: UUID, professional_id: UUID, consultancy_id: UUID, found: UUID
) -> ProfessionalLink:
    """The request, if it is addressed to this professional (the acting account of the realm); any other is
    answered as a missing one."""
    if tenant_id != PROFESSIONALS:
        raise Forbidden(IN_THE_REALM_ONLY, "link_id")
    try:
        email = app.account_email(PROFESSIONALS, professional_id)
    except NotFound:
        raise Forbidden(IN_THE_REALM_ONLY, "link_id") from None
    try:
        link = app.get(ProfessionalLink, consultancy_id, found, "link_id")
    except NotFound:
        raise NotFound(NO_REQUEST, "link_id") from None
    if link.professional_email != email:
        raise NotFound(NO_REQUEST, "link_id")
    return link


HANDLERS: dict[type, Handler] = {
    CreateLabellingBody: create_labelling_body,
    RequestProfessionalLink: request_professional_link,
    EndProfessionalLink: end_professional_link,
    AnswerProfessionalLink: answer_professional_link,
    EndProfessionalConsent: end_professional_consent,
}


def _today() -> date:
    """The business day the command runs on (`Cordee.handle` states it)."""
    return stated_today() or latest_date_on_earth()
