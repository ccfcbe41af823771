"""The one place that decides what a principal may see and do.

What each principal sees (its scope, applied by the one query layer):

- a consultancy admin sees the whole consultancy;
- a coach sees the clusters they lead, the organisations of those clusters, and the organisations awaiting a
  cluster: registered, and an active member of no forming, planned or running cluster. Those are the candidates a
  coach may admit. An organisation in a current cluster that another coach leads is out of their view;
- a member account sees the clusters of its organisation and, of every register, its organisation's own part. The
  feedback shared at the cluster's training sessions is the cluster's, anonymous unless signed. Its roles: the
  ISMS manager edits and approves, a contributor edits but approves nothing, a viewer reads; an auditor reads one
  organisation's registers, within its window, and nothing of its clusters (their sessions, the feedback members
  share, their effort). A stored `member` account is its organisation's ISMS manager;
- every principal holds the roles of its grants valid on the business day of the request, so a grant that ends or
  is revoked ends its access on the next request.

Every id a command names is checked against that view, not only its cluster (`authorize_command`):

- the cluster must be in view;
- an organisation to admit must be in view: a coach admits one of their clusters' organisations or a candidate,
  never an active member of a current cluster they do not lead;
- an organisation acted on (withdrawal, unavailability, coaching, its ceiling, gap analysis, outcomes, attendance)
  must be a member of the cluster in view; a member account acts for its own organisation only;
- a session key must name a session in view: a member's own, or one of the whole cluster;
- a feedback item must be in view: for a member, one every member sees or its own organisation's;
- a coach logs coaching in their own name; coaches named by an admin are checked in the consultancy by the domain.
  The consultancy's settings name no id.
- a labelling body's staff and a professional hold no reach in any consultancy: every consultancy read is refused
  them (`scope_for`). A professional acts only in their realm and for themself (`authorize_professional`); a
  consultancy's admin asks and ends its professional links, and only for its own coach accounts (checked by the
  domain in the consultancy); a coach reads their own links only (`link_reader`).
- a labelling body's staff read and act on their own body's scheme and tracks only (`labelling_body_scope`; a track
  of another body is not found); a professional reads their own track and the first-mission evaluations asked of
  them, and submits only those (`own_professional`); the body reads the professionals' realm for two facts alone,
  each in a transaction of the realm's own: whether a coach it names coaches for a consultancy
  (`coaching_professional_name`) and the missions attested for a renewal (`attested_missions`).

An id out of view is refused exactly as a random id is: the same type, code, field and message, so that no answer
tells that something exists where the principal cannot see it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from uuid import UUID

from backend.auth.principal import Principal, Reach
from backend.authorization import matrix
from domain.labels.body import PROFESSIONALS
from domain.labels.track import CoachedMission
from domain.shared.errors import Forbidden, NotFound, ValidationFailed
from domain.tenancy.account import Role
from projections.queries import ReadQueries, Scope
from projections.tenancy.rows import AccountRow

ADMIN, COACH, MEMBER = Role.CONSULTANCY_ADMIN, Role.COACH, Role.MEMBER
ISMS_MANAGER, CONTRIBUTOR, VIEWER, AUDITOR = Role.ISMS_MANAGER, Role.CONTRIBUTOR, Role.VIEWER, Role.AUDITOR

NO_ORGANISATION = "No organisation with this id."
NOT_A_MEMBER = "This organisation is not a member of the cluster."
NOT_EXPECTED = "Attendance names an organisation not expected at this session."
NO_SESSION = "No session with this key in the cluster's plan."
NO_FEEDBACK_ITEM = "No feedback item with this id."
"""The answers to an id out of view, the same as to an id that does not exist."""


@dataclass(frozen=True, eq=False)
class Action:
    """Something a principal may be allowed to do: each feature declares its own
    (`backend/graphql/<feature>/actions.py`); who may is its row in the authorization matrix
    (`backend/authorization.toml`), and this module decides.

    What the action's command names is read from its fields (`named_in`); three flags say what a field means."""

    name: str
    """Its stable name, `<feature>.<constant in lower case>`: the key of its row in the matrix."""
    description: str
    """What a refusal says the principal may not do ("You may not log coaching.")."""
    approves: bool = False
    """An approval, an acceptance or a closing: the organisation's ISMS manager decides, a contributor never (the
    matrix is checked for it)."""
    admits_candidate: bool = False
    """The command's `organisation_id` is an organisation to admit, not a member of the cluster."""
    for_own_organisation: str | None = None
    """The field the member account's own organisation fills (a member acts for its organisation only)."""
    logged_by_coach: bool = False
    """The command's `coach_id` is the principal, unless an admin names another coach of the consultancy."""
    needs_session: bool = False
    """Only a person signed in may do it, never an API token: a token mints no token and changes no password."""

    @cached_property
    def roles(self) -> frozenset[Role]:
        """The roles of its row; and what an ISMS manager may, a stored member account may."""
        roles = set(matrix().roles_of(self.name))
        if ISMS_MANAGER in roles:
            roles.add(MEMBER)  # a stored member account is its organisation's ISMS manager
        return frozenset(roles)

    # Compared and hashed by identity: each action is declared once.


def scope_for(principal: Principal, today: date | None = None) -> Scope:
    """The scope of the principal's widest grant valid today: the whole consultancy; the clusters a coach leads
    and the candidates; a member organisation's own part. No grant, no view."""
    day = today or date.today()
    valid = {grant.reach: grant.holder_id for grant in principal.grants if grant.valid_on(day)}
    if Reach.WHOLE_CONSULTANCY in valid:
        return Scope(principal.tenant_id)
    if Reach.CLUSTERS_LED in valid:
        return Scope(principal.tenant_id, coach_id=valid[Reach.CLUSTERS_LED])
    if Reach.OWN_ORGANISATION in valid:
        auditing = not principal.roles & (ORGANISATION_GRANTED | {MEMBER})  # an auditor, and nothing else of it
        return Scope(principal.tenant_id, organisation_id=valid[Reach.OWN_ORGANISATION], registers_only=auditing)
    raise Forbidden("You may see nothing in this consultancy.")


HISTORY_IS_READ_ONLY = "History is read-only: go back to today to change anything."


READ, WRITE = "read", "write"
"""What an API token may do: `read` runs queries only, `write` queries and mutations."""
TOKEN_MAY_NOT_WRITE = "This token may only read: make one with the write scope to change anything."  # noqa: S105
SIGN_IN_TO_DO_THIS = "An API token may not do this: sign in as yourself."


def token_allows(principal: Principal, mutation: bool) -> bool:
    """Whether the principal's API token (if it came with one) may run the operation: a query needs `read` or
    `write`, a mutation `write`. A session may run both."""
    if principal.scopes is None:
        return True
    return WRITE in principal.scopes if mutation else bool({READ, WRITE} & principal.scopes)


def authorize(principal: Principal, action: Action) -> None:
    if principal.reads_history:
        raise Forbidden(HISTORY_IS_READ_ONLY)
    if principal.by_token and action.needs_session:
        raise Forbidden(SIGN_IN_TO_DO_THIS)
    if not token_allows(principal, mutation=True):
        raise Forbidden(TOKEN_MAY_NOT_WRITE)
    if not principal.roles & action.roles:
        raise Forbidden(f"You may not {action.description}.")


def may(principal: Principal, action: Action, member: UUID | None = None) -> bool:
    """Whether the principal's role allows the action, on `member` too: a member account acts for its own
    organisation only. The object is one in the principal's view (the queries answer no other). Reading history,
    nothing: it is read-only."""
    if principal.reads_history or not principal.roles & action.roles:
        return False
    if principal.by_token and (action.needs_session or not token_allows(principal, mutation=True)):
        return False
    return member is None or not principal.has_role(MEMBER) or principal.organisation_id == member


def authorize_on_cluster(principal: Principal, action: Action, queries: ReadQueries, cluster_id: UUID) -> None:
    """Allowed only on a cluster the principal can see; one it cannot see does not exist for it."""
    authorize(principal, action)
    if queries.clusters.cluster(scope_for(principal), cluster_id) is None:
        raise NotFound("No cluster with this id.", "cluster_id")


@dataclass(frozen=True)
class Named:
    """What a command names besides its cluster; `authorize_command` checks each against the principal's view."""

    member: UUID | None = None
    """An organisation of the cluster the command acts on."""
    candidate: UUID | None = None
    """An organisation to admit."""
    session_key: str | None = None
    attendance: tuple[UUID, ...] = ()
    """The organisations an attendance record names."""
    feedback_item: UUID | None = None


def authorize_command(
    principal: Principal, action: Action, queries: ReadQueries, cluster_id: UUID, named: Named
) -> None:
    """Allowed only on a cluster in view, and on what the command names only if that is in view too."""
    authorize_on_cluster(principal, action, queries, cluster_id)
    scope = scope_for(principal)
    if named.candidate is not None and queries.organisations.organisation(scope, named.candidate) is None:
        raise NotFound(NO_ORGANISATION, "organisation_id")
    if named.member is not None:
        if principal.has_role(MEMBER) and principal.organisation_id != named.member:
            raise Forbidden("You act for your own organisation only.")
        if not queries.clusters.member_in_view(scope, cluster_id, named.member):
            raise ValidationFailed("organisation_id", NOT_A_MEMBER)
    _check_named_in_cluster(queries, scope, cluster_id, named)


def _check_named_in_cluster(queries: ReadQueries, scope: Scope, cluster_id: UUID, named: Named) -> None:
    """The session, the organisations of an attendance record and the feedback item, each in view in the cluster."""
    clusters, item = queries.clusters, named.feedback_item
    if named.session_key is not None and not clusters.session_in_view(scope, cluster_id, named.session_key):
        raise ValidationFailed("session_key", NO_SESSION)
    if any(not clusters.member_in_view(scope, cluster_id, named_one) for named_one in named.attendance):
        raise ValidationFailed("attendance.organisation_id", NOT_EXPECTED)
    if item is not None and not queries.feedback.feedback_item_in_view(scope, cluster_id, item):
        raise NotFound(NO_FEEDBACK_ITEM, "item_id")


def authorize_without_cluster(principal: Principal, action: Action, queries: ReadQueries, named: Named) -> None:
    """A command that names no cluster (an organisation's own register): allowed by role, and on an organisation
    only if it is in view; a member account acts for its own organisation only."""
    authorize(principal, action)
    if named.member is None:
        return
    if principal.has_role(MEMBER) and principal.organisation_id != named.member:
        raise Forbidden("You act for your own organisation only.")
    if not queries.organisations.registers_in_view(scope_for(principal), named.member):
        raise NotFound(NO_ORGANISATION, "organisation_id")  # as a missing one, for a coach who does not lead it


def authorize_coach_attribution(principal: Principal, coach_id: UUID) -> None:
    """A coach logs coaching in their own name; only an admin records it for another coach."""
    if coach_id != principal.account_id and not principal.has_role(ADMIN):
        raise Forbidden("You log coaching in your own name; a consultancy admin can record it for another coach.")


def acting_organisation(principal: Principal) -> UUID:
    """The organisation a member acts for."""
    if principal.organisation_id is None:
        raise Forbidden("Only someone of a member organisation can do this.")
    return principal.organisation_id


def named_in(action: Action, fields: Mapping[str, object]) -> Named:
    """What a command's fields name besides its cluster: the organisation it acts on (a candidate when admitting),
    a session, the organisations an attendance record names, a feedback item."""
    organisation, item = fields.get("organisation_id"), fields.get("item_id")
    session_key, attendance = fields.get("session_key"), fields.get("attendance")
    admitting = action.admits_candidate
    return Named(
        member=organisation if isinstance(organisation, UUID) and not admitting else None,
        candidate=organisation if isinstance(organisation, UUID) and admitting else None,
        session_key=session_key if isinstance(session_key, str) else None,
        attendance=tuple(attendance) if isinstance(attendance, Mapping) else (),
        feedback_item=item if isinstance(item, UUID) else None,
    )


def on_behalf(principal: Principal, action: Action, fields: Mapping[str, object]) -> dict[str, object]:
    """The fields the principal supplies: the organisation a member acts for on its feedback, the coach a
    half-day of coaching is logged for (the principal unless an admin names another)."""
    supplied = dict(fields)
    if action.for_own_organisation is not None:
        supplied[action.for_own_organisation] = acting_organisation(principal)
    if action.logged_by_coach:
        named = fields.get("coach_id")
        coach_id = named if isinstance(named, UUID) else principal.account_id
        authorize_coach_attribution(principal, coach_id)
        supplied["coach_id"] = coach_id
    return supplied


ORGANISATION_GRANTED = frozenset({ISMS_MANAGER, CONTRIBUTOR, VIEWER})
"""The roles an organisation's ISMS manager grants and revokes to its own people; an auditor is the admin's to grant."""
NO_ACCOUNT = "No account with this id."


def authorize_grant(principal: Principal, action: Action, role: Role, account_organisation: UUID | None) -> None:
    """Granting or revoking `role` to an account of `account_organisation` (None: the consultancy's own people). An
    admin may any role; an ISMS manager only its own organisation's ISMS manager, contributor and viewer roles. An
    account out of the ISMS manager's organisation is answered as a missing one."""
    authorize(principal, action)
    if principal.has_role(ADMIN):
        return
    if account_organisation is None or account_organisation != principal.organisation_id:
        raise NotFound(NO_ACCOUNT, "account_id")
    if not principal.has_role(ISMS_MANAGER) or role not in ORGANISATION_GRANTED:
        raise Forbidden("An ISMS manager grants their own organisation's ISMS manager, contributor and viewer roles.")


def authorize_invitation(principal: Principal, action: Action, role: Role, organisation_id: UUID | None) -> None:
    """Inviting someone with `role`: an admin anyone; an ISMS manager only their own organisation's ISMS managers,
    contributors and viewers."""
    authorize(principal, action)
    if principal.has_role(ADMIN):
        return
    if role not in ORGANISATION_GRANTED or organisation_id is None or organisation_id != principal.organisation_id:
        raise Forbidden("An ISMS manager invites their own organisation's ISMS managers, contributors and viewers.")


REISSUED_FOR = frozenset(role.value for role in ORGANISATION_GRANTED | {MEMBER})
"""The roles of the people an ISMS manager makes new invitation links for: never an auditor's."""


def authorize_reissue(
    principal: Principal, action: Action, account_organisation: UUID | None, held_roles: frozenset[str]
) -> None:
    """A new invitation link for an account of `account_organisation` holding `held_roles` (its grants not revoked):
    an admin for anyone; an ISMS manager only for their own organisation's people who are nothing but ISMS managers,
    contributors and viewers. An account out of the ISMS manager's organisation is answered as a missing one."""
    authorize(principal, action)
    if principal.has_role(ADMIN):
        return
    if account_organisation is None or account_organisation != principal.organisation_id:
        raise NotFound(NO_ACCOUNT, "account_id")
    if not principal.has_role(ISMS_MANAGER) or not held_roles <= {
        role.value for role in ORGANISATION_GRANTED | {MEMBER}
    }:
        raise Forbidden(
            "An ISMS manager makes invitation links for their own organisation's ISMS managers, contributors and "
            "viewers."
        )


def may_see_grants_of(principal: Principal, account_organisation: UUID | None) -> bool:
    """Everyone sees their own grants (asked apart); an admin sees everyone's; an ISMS manager its organisation's."""
    if principal.reads_history:
        return False
    if principal.has_role(ADMIN):
        return True
    return (
        principal.has_role(ISMS_MANAGER)
        and account_organisation is not None
        and (account_organisation == principal.organisation_id)
    )


def comparison_scope(principal: Principal, queries: ReadQueries, cluster_id: UUID) -> Scope | None:
    """The one exception to the visibility filter: the scope the members' comparison reads other members' figures
    with, to aggregate them (median, minimum, maximum over the published cohort), or None when the principal may not
    see the cluster's comparison at all.

    Who may: the people of a member organisation of the cluster (its ISMS manager, contributors and viewers), the
    coach who leads it and the consultancy's admins, i.e. whoever sees the cluster. An auditor sees no cluster; a
    coach of another cluster and another consultancy do not see it: for them the cluster does not exist.

    The scope is the whole consultancy's, so it must only ever be used by `backend/graphql/comparison/figures.py`,
    which answers aggregates and the viewer's own figures, never another member's figures one by one
    (docs/comparison.md)."""
    scope = scope_for(principal)
    if scope.registers_only or queries.clusters.cluster(scope, cluster_id) is None:
        return None
    return Scope(principal.tenant_id)


LABELLING_BODY, PROFESSIONAL = Role.LABELLING_BODY, Role.PROFESSIONAL
NOT_A_PROFESSIONAL = "Only a professional, signed in in their realm, does this."


def authorize_professional(principal: Principal, action: Action) -> None:
    """A professional acts only in the professionals' realm and only for themself: the command is built from their
    session (their account, their e-mail), never from an id they give."""
    authorize(principal, action)
    if principal.tenant_id != PROFESSIONALS or not principal.has_role(PROFESSIONAL):
        raise Forbidden(NOT_A_PROFESSIONAL)


def link_reader(principal: Principal, action: Action) -> tuple[str, UUID | None] | None:
    """Whose professional links the principal reads: `("consultancy", None)` for a consultancy's admin (all of its
    own), `("consultancy", coach)` for a coach (their own only), `("professional", None)` for a professional (those
    addressed to them), or None for anyone else (a labelling body's staff, an organisation's people)."""
    if principal.reads_history or not principal.roles & action.roles:
        return None
    if principal.has_role(PROFESSIONAL):
        return ("professional", None) if principal.tenant_id == PROFESSIONALS else None
    if principal.has_role(ADMIN):
        return "consultancy", None
    if principal.has_role(COACH):
        return "consultancy", principal.account_id
    return None


def labelling_body_scope(principal: Principal, action: Action) -> Scope | None:
    """The labelling body's own tenant, for its staff; None for anyone else: a body's staff read their body only."""
    if principal.reads_history or not principal.roles & action.roles or not principal.has_role(LABELLING_BODY):
        return None
    return Scope(principal.tenant_id)


def own_professional(principal: Principal, action: Action) -> UUID | None:
    """The professional's own id, for what is theirs in the realm (their label tracks, the evaluations asked of
    them); None for anyone else: a consultancy's people and a body's staff read no professional's own."""
    if principal.reads_history or not principal.roles & action.roles or not principal.has_role(PROFESSIONAL):
        return None
    return principal.account_id if principal.tenant_id == PROFESSIONALS else None


NOT_A_COACH = "Name a professional who coaches for a consultancy: one with a link in force to a coach account."


def coaching_professional_name(queries: ReadQueries, professional_id: UUID) -> str | None:
    """The name of a professional who coaches for a consultancy (a link in force to a coach account), or None: the
    labelling body asks it of the realm's links when it names an evaluator, and learns nothing more of them."""
    with queries.reader.apart(PROFESSIONALS):
        return queries.label_tracks.coaching_name(professional_id)


def attested_missions(queries: ReadQueries, professional_id: UUID) -> tuple[CoachedMission, ...]:
    """The missions consultancies attested for a professional, as a renewal counts them: the day each ended and its
    days of coaching, nothing else, read from the realm for the labelling body renewing their label."""
    with queries.reader.apart(PROFESSIONALS):
        return queries.missions.coached_missions(professional_id)


def realm_account(queries: ReadQueries, account_id: UUID) -> AccountRow | None:
    """The realm's account of an address a labelling body invites, read from the realm: whether it exists and has
    chosen its password, for the invitation to open it, send a new link or send nothing (the answer never tells)."""
    with queries.reader.apart(PROFESSIONALS):
        return queries.tenancy.account(Scope(PROFESSIONALS), account_id)


def authorize_evaluator(principal: Principal, action: Action, candidate_id: UUID, evaluator_id: UUID) -> None:
    """A labelling body names the coach who evaluates a candidate's first mission: never the candidate themself.
    That the evaluator coaches (a link in force) is the caller's to check against the realm's links."""
    authorize(principal, action)
    if not principal.has_role(LABELLING_BODY):
        raise Forbidden(f"You may not {action.description}.")
    if evaluator_id == candidate_id:
        raise Forbidden("A candidate cannot evaluate their own first mission; name another coach.", "evaluator_email")


def mission_reader(principal: Principal, action: Action) -> Scope | None:
    """The consultancy's whole view, for its admins: they attest, correct and withdraw its missions and read them
    all. None for anyone else: a coach, an organisation's people, a labelling body's staff, a professional (who
    reads their own portfolio, `portfolio_owner`)."""
    if principal.reads_history or not principal.roles & action.roles or not principal.has_role(ADMIN):
        return None
    return scope_for(principal)


def portfolio_owner(principal: Principal, action: Action) -> UUID | None:
    """The professional whose portfolio the principal reads: themself, in their realm; None for anyone else. No id
    is ever given: a professional reads their own portfolio only."""
    if principal.reads_history or not principal.roles & action.roles or not principal.has_role(PROFESSIONAL):
        return None
    return principal.account_id if principal.tenant_id == PROFESSIONALS else None
