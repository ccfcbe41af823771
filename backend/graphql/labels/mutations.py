"""The professional links' commands: a consultancy's admin asks and ends; the professional consents, declines and
ends. Each goes through the one command path (`change`), the tenant and the acting account from the session."""

from __future__ import annotations

import anyio.to_thread
import strawberry
from strawberry.types import Info

from backend.graphql.core.commands import change, role_refusal
from backend.graphql.core.context import Context
from backend.graphql.core.errors import parse_id, user_error
from backend.graphql.core.permissions import AUTHENTICATED
from backend.graphql.labels.actions import ANSWER_LINK, END_CONSENT, END_LINK, INVITE_PROFESSIONAL, REQUEST_LINK
from backend.graphql.labels.inputs import InviteProfessionalInput, ProfessionalLinkInput, RequestProfessionalLinkInput
from backend.graphql.labels.invitations import invite_professional
from backend.graphql.labels.types import (
    ProfessionalInvited,
    ProfessionalInvitedResult,
    ProfessionalLinkChange,
    ProfessionalLinkResult,
    ProfessionalLinkStatus,
)
from backend.policy import Action, authorize_professional
from domain.labels.link_commands import (
    AnswerProfessionalLink,
    EndProfessionalConsent,
    EndProfessionalLink,
    RequestProfessionalLink,
)
from domain.labels.links import NO_REQUEST
from domain.shared.errors import DomainError, Forbidden, NotFound
from domain.tenancy.account import Role


@strawberry.type
class LabelsMutation:
    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Ask to link one of the consultancy's coach accounts to the professional with this e-mail "
        "(its admins). The answer is the same whether or not such a professional exists.",
    )
    async def request_professional_link(
        self, info: Info[Context, None], input: RequestProfessionalLinkInput
    ) -> ProfessionalLinkResult:
        done = await change(info, REQUEST_LINK, RequestProfessionalLink, coach_id=input.coach_id, email=input.email)
        if not isinstance(done, tuple):
            return done
        return ProfessionalLinkChange(
            link_id=strawberry.ID(str(done[1].aggregate_id)), status=ProfessionalLinkStatus.REQUESTED
        )

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="End a link of one of the consultancy's coaches, or withdraw its request (its admins).",
    )
    async def end_professional_link(
        self, info: Info[Context, None], input: ProfessionalLinkInput
    ) -> ProfessionalLinkResult:
        done = await change(info, END_LINK, EndProfessionalLink, link_id=input.link_id)
        if not isinstance(done, tuple):
            return done
        return ProfessionalLinkChange(link_id=input.link_id, status=ProfessionalLinkStatus.ENDED)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Consent to a consultancy's request addressed to you (a professional): the link is in force.",
    )
    async def consent_to_professional_link(
        self, info: Info[Context, None], input: ProfessionalLinkInput
    ) -> ProfessionalLinkResult:
        return await _as_professional(info, ANSWER_LINK, input.link_id, consenting=True)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Decline a consultancy's request addressed to you (a professional).",
    )
    async def decline_professional_link(
        self, info: Info[Context, None], input: ProfessionalLinkInput
    ) -> ProfessionalLinkResult:
        return await _as_professional(info, ANSWER_LINK, input.link_id, consenting=False)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="End a link you consented to (a professional).",
    )
    async def end_professional_consent(
        self, info: Info[Context, None], input: ProfessionalLinkInput
    ) -> ProfessionalLinkResult:
        return await _as_professional(info, END_CONSENT, input.link_id, consenting=None)

    @strawberry.mutation(
        permission_classes=AUTHENTICATED,
        description="Invite a candidate to the professionals' realm by e-mail (a labelling body's staff). The answer "
        "is the same whether or not the address already has an account; the link goes by e-mail only.",
    )
    async def invite_professional(
        self, info: Info[Context, None], input: InviteProfessionalInput
    ) -> ProfessionalInvitedResult:
        refused = role_refusal(info, INVITE_PROFESSIONAL)
        if refused is not None:
            return refused
        principal = info.context.signed_in
        try:
            if not principal.has_role(Role.LABELLING_BODY):
                raise Forbidden(f"You may not {INVITE_PROFESSIONAL.description}.")
            await anyio.to_thread.run_sync(
                invite_professional, info.context.services, principal, input.email, input.display_name
            )
        except DomainError as error:
            return user_error(error)
        info.context.note_saved()
        return ProfessionalInvited(email=input.email.strip().lower())


async def _as_professional(
    info: Info[Context, None], action: Action, given_id: strawberry.ID, consenting: bool | None
) -> ProfessionalLinkResult:
    """The professional's own request, found in their realm by its id and their e-mail: a request addressed to
    someone else is answered as a missing one."""
    refused = role_refusal(info, action)
    if refused is not None:
        return refused
    principal = info.context.signed_in
    try:
        authorize_professional(principal, action)
        found = parse_id(given_id, "link_id")
        row = info.context.services.queries.labels.realm_link(principal.email, found)
        if row is None:
            raise NotFound(NO_REQUEST, "link_id")
    except DomainError as error:
        return user_error(error)
    named = {"consultancy_id": row.consultancy_id, "link_id": found}
    if consenting is None:
        ended = await change(info, action, EndProfessionalConsent, **named)
        if not isinstance(ended, tuple):
            return ended
        status = ProfessionalLinkStatus.ENDED
    else:
        answered = await change(info, action, AnswerProfessionalLink, **named, consenting=consenting)
        if not isinstance(answered, tuple):
            return answered
        status = ProfessionalLinkStatus.IN_FORCE if consenting else ProfessionalLinkStatus.DECLINED
    return ProfessionalLinkChange(link_id=strawberry.ID(str(found)), status=status)
