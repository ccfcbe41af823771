"""The `cordee` command line."""

from __future__ import annotations

import logging
import secrets
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated
from uuid import UUID

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from backend.audit.transfer import ImportRefused, export_tenant, import_tenant
from backend.auth.invitations import invitation_key_hash
from backend.auth.passwords import MINIMUM_PASSWORD_LENGTH, hash_password
from backend.demo import demo_logins, seed_demo
from backend.services import Services, build_services
from backend.settings import Settings
from backend.storage_check import STORE_ERRORS, storage_problem
from domain.labels.body import PROFESSIONALS, labelling_body_id
from domain.labels.link_commands import CreateLabellingBody
from domain.organisations.organisation import organisation_id
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.email import normalise_email
from domain.shared.errors import DomainError, every_check
from domain.shared.text import single_line
from domain.tenancy.account import DISPLAY_NAME_MAX_LENGTH, NO_PASSWORD_YET, Account, Role, account_id
from domain.tenancy.commands import CreateConsultancy, InviteAccount, IssueInvitation, OpenAccount
from domain.tenancy.consultancy import consultancy_id
from projections.queries import Scope
from projections.rebuild import checksum, rebuild

cli = typer.Typer(help="Cordee: cluster-based ISMS coaching.", no_args_is_help=True)
projections_cli = typer.Typer(help="Read models: rebuild, checksum, status.", no_args_is_help=True)
tenant_cli = typer.Typer(help="Consultancies and their users.", no_args_is_help=True)
labels_cli = typer.Typer(help="Labelling bodies, their staff, and professionals.", no_args_is_help=True)
audit_cli = typer.Typer(help="The tamper-evident log: verify, checkpoint, export, import.", no_args_is_help=True)
cli.add_typer(projections_cli, name="projections")
cli.add_typer(tenant_cli, name="tenant")
cli.add_typer(labels_cli, name="labels")
cli.add_typer(audit_cli, name="audit")
console = Console()


def _services() -> Services:
    return build_services(Settings())


@cli.command()
def serve() -> None:
    """Serve the web application (GraphQL at /graphql, pages at /) in CORDEE_WORKERS processes."""
    import uvicorn

    settings = Settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    # Tables are created here, once, before the worker processes start, so they never race to create them.
    build_services(settings).close()
    _print_welcome(settings)
    # Each worker calls the factory and builds its own services from the same CORDEE_* environment.
    uvicorn.run(
        "backend.app:create_app",
        factory=True,
        workers=settings.workers,
        host=settings.host,
        port=settings.port,
        log_level="info",
    )


def _print_welcome(settings: Settings) -> None:
    processes = f" in {settings.workers} worker processes" if settings.workers > 1 else ""
    console.print(f"Cordee is serving on [bold]http://{settings.host}:{settings.port}[/bold]{processes}")
    if not settings.is_production:
        for consultancy, email, password in demo_logins():
            console.print(f"  demo sign-in ({consultancy}): {email} / {password}", soft_wrap=True, highlight=False)


@cli.command()
def demo(
    today: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Seed as if today were this day: the programmes run up to it."),
    ] = None,
) -> None:
    """Seed the demo consultancies: adds only what is missing, so an interrupted seed completes when run again."""
    services = _services()
    try:
        seeded = seed_demo(services, today.date() if today else date.today())
    finally:
        services.close()
    console.print(f"Demo data: seeded {', '.join(seeded)}." if seeded else "Demo data already present.")


@projections_cli.command("rebuild")
def projections_rebuild() -> None:
    """Replay the whole event log into fresh read tables, then swap them in."""
    services = _services()
    try:
        total = services.app.recorder.max_notification_id() or 0
        columns = (TextColumn("Replaying"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console) as progress:
            task = progress.add_task("rebuild", total=total * len(services.runner.projections))
            rebuild(services.app, services.store, lambda covered: progress.advance(task, covered))
        console.print(f"Rebuilt from {total} events. Checksum {checksum(services.store)}")
    finally:
        services.close()


@projections_cli.command("checksum")
def projections_checksum() -> None:
    """Print a hash of every read model row, in canonical order."""
    services = _services()
    try:
        console.print(checksum(services.store), highlight=False, soft_wrap=True)
    finally:
        services.close()


@projections_cli.command("status")
def projections_status() -> None:
    """Show how far each projection has read the event log, and the events parked per tenant."""
    services = _services()
    try:
        health = services.health()
        last = health.last_notification_id or 0
        table = Table("projection", "position", "events in log", "behind")
        for name, position in health.positions.items():
            table.add_row(name, str(position), str(last), str(last - position))
        console.print(table)
        _print_parked(services, health.parked)
    finally:
        services.close()


def _print_parked(services: Services, parked_counts: list[tuple[UUID, str, int, str | None]]) -> None:
    if not parked_counts:
        console.print("No events parked.")
        return
    parked = Table("tenant", "slug", "projection", "parked events", "error")
    for tenant, projection, count, error in parked_counts:
        consultancy = services.queries.tenancy.consultancy(Scope(tenant))
        parked.add_row(str(tenant), consultancy.slug if consultancy else "?", projection, str(count), error or "")
    console.print(parked)
    console.print("After a fix, apply them with `cordee projections replay [--tenant SLUG] [--projection NAME]`.")


@projections_cli.command("replay")
def projections_replay(
    tenant: Annotated[str | None, typer.Option(help="The consultancy's short name or id.")] = None,
    projection: Annotated[str | None, typer.Option(help="One projection, by name.")] = None,
) -> None:
    """Apply parked events again, in order, after a fix; each that applies is cleared, the others stay parked."""
    services = _services()
    try:
        tenant_id = _tenant_id(tenant) if tenant else None
        result = services.runner.replay_parked(tenant_id, projection)
        console.print(f"Applied {result.applied} parked events; {result.still_parked} still parked.")
    finally:
        services.close()
    if result.still_parked:
        raise typer.Exit(1)


@audit_cli.command("verify")
def audit_verify(
    tenant: Annotated[str | None, typer.Option(help="One consultancy, by short name or id.")] = None,
) -> None:
    """Recompute every event's leaf and every tenant's tree; check them against the log and its signed checkpoints."""
    services = _services()
    try:
        total = services.app.recorder.max_notification_id() or 0
        with _progress() as progress:
            task = progress.add_task("Verifying", total=total)
            reports = services.audit.verify(_tenant_id(tenant) if tenant else None, lambda n: progress.advance(task, n))
    finally:
        services.close()
    problems = [problem for report in reports for problem in report.problems]
    table = Table("tenant", "events", "root hash", "checkpoints verified", "problems")
    for report in reports:
        table.add_row(
            str(report.tenant_id),
            str(report.size),
            report.root.hex(),
            str(report.checkpoints),
            str(len(report.problems)),
        )
    console.print(table)
    for problem in problems:
        console.print(f"[red]{problem}[/red]", highlight=False, soft_wrap=True)
    if problems:
        raise typer.Exit(1)
    console.print("The log verifies: every event is as it was logged, and every checkpoint is signed and matches.")


@audit_cli.command("checkpoint")
def audit_checkpoint(
    tenant: Annotated[str | None, typer.Option(help="One consultancy, by short name or id.")] = None,
) -> None:
    """Sign a checkpoint of each tenant's log (or one tenant's) as it stands now."""
    services = _services()
    try:
        tenants = [_tenant_id(tenant)] if tenant else services.audit.tenants()
        for tenant_id in tenants:
            signed = services.audit.checkpoint(tenant_id)
            if signed is None:
                console.print(f"{tenant_id}: no events, no checkpoint.")
            else:
                console.print(f"{tenant_id}: size {signed.tree_size}, root {signed.root_hash.hex()}", highlight=False)
    finally:
        services.close()


@audit_cli.command("export")
def audit_export(
    tenant: Annotated[str, typer.Option(help="The consultancy, by short name or id.")],
    out: Annotated[Path, typer.Option(help="The archive to write (.zip).")],
) -> None:
    """Export a whole consultancy: its events in its log's order, its signed checkpoints and their keys."""
    services = _services()
    try:
        moved = export_tenant(services.audit, _tenant_id(tenant), out)
    finally:
        services.close()
    console.print(f"Exported {moved.events} events of {moved.tenant_id} to {out}; root {moved.root.hex()}.")


@audit_cli.command("import")
def audit_import(archive: Path) -> None:
    """Import an exported consultancy into this instance (where it has no events yet), then project it."""
    services = _services()
    try:
        moved = import_tenant(services.app, services.audit, archive)
        services.runner.catch_up()
    except ImportRefused as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    finally:
        services.close()
    console.print(f"Imported {moved.events} events of {moved.tenant_id}; root {moved.root.hex()}.")


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console
    )


def _tenant_id(slug_or_id: str) -> UUID:
    try:
        return UUID(slug_or_id)
    except ValueError:
        return consultancy_id(slug_or_id)


@tenant_cli.command("create")
def tenant_create(name: str, slug: str) -> None:
    """Create a consultancy."""
    services = _services()
    try:
        services.app.handle(CreateConsultancy(SYSTEM_ACTOR, name, slug))
        services.runner.catch_up()
        console.print(f"Created consultancy {name} ({slug}).")
    except DomainError as error:
        _fail(error)
    finally:
        services.close()


@tenant_cli.command("add-user")
def tenant_add_user(
    slug: str,
    email: str,
    display_name: str,
    role: Annotated[list[Role], typer.Option(help="Repeat for several roles.")],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
    organisation: Annotated[str | None, typer.Option(help="For a member account: its organisation's name.")] = None,
) -> None:
    """Open an account in a consultancy."""
    if len(password) < MINIMUM_PASSWORD_LENGTH:
        _fail(DomainError(f"Use a password of at least {MINIMUM_PASSWORD_LENGTH} characters.", "password"))
    services = _services()
    try:
        tenant_id = consultancy_id(slug)
        member_of = organisation_id(tenant_id, organisation) if organisation else None
        cmd = OpenAccount(tenant_id, SYSTEM_ACTOR, email, display_name, hash_password(password), tuple(role), member_of)
        services.app.handle(cmd)
        services.runner.catch_up()
        console.print(f"Opened an account for {email}.")
    except DomainError as error:
        _fail(error)
    finally:
        services.close()


@labels_cli.command("create-body")
def labels_create_body(
    name: str,
    slug: str,
    registrar_email: str,
    registrar_name: str,
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
) -> None:
    """Create a labelling body (a tenant of its own, not a consultancy) with its first registrar's account."""
    if len(password) < MINIMUM_PASSWORD_LENGTH:
        _fail(DomainError(f"Use a password of at least {MINIMUM_PASSWORD_LENGTH} characters.", "password"))
    try:  # the registrar's address and name are checked before anything is created
        every_check(
            lambda: normalise_email(registrar_email),
            lambda: single_line("display_name", registrar_name, DISPLAY_NAME_MAX_LENGTH),
        )
    except DomainError as error:
        _fail(error)
    services = _services()
    try:
        services.app.handle(CreateLabellingBody(SYSTEM_ACTOR, name, slug))
        roles = (Role.LABELLING_BODY,)
        opening = OpenAccount(
            labelling_body_id(slug), SYSTEM_ACTOR, registrar_email, registrar_name, hash_password(password), roles
        )
        services.app.handle(opening)
        services.runner.catch_up()
        console.print(f"Created labelling body {name} ({slug}) and its registrar {registrar_email}.")
    except DomainError as error:
        _fail(error)
    finally:
        services.close()


@labels_cli.command("invite-professional")
def labels_invite_professional(email: str, display_name: str) -> None:
    """Open a professional's account in the professionals' realm and print its invitation link (14 days). An
    address that already has an account there keeps it, and gets a new link."""
    services = _services()
    key = secrets.token_urlsafe(32)
    try:
        existing = account_id(email)
        if services.app.exists(Account, PROFESSIONALS, existing):
            if services.app.get(Account, PROFESSIONALS, existing).password_hash != NO_PASSWORD_YET:
                console.print(f"{email} already has a professional's account: they sign in with it.")
                return
            services.app.handle(IssueInvitation(PROFESSIONALS, SYSTEM_ACTOR, existing, invitation_key_hash(key)))
        else:
            invite = InviteAccount(
                PROFESSIONALS, SYSTEM_ACTOR, email, display_name, Role.PROFESSIONAL, invitation_key_hash(key)
            )
            services.app.handle(invite)
        services.runner.catch_up()
        console.print(f"Invitation link for {email}: /invitations/{key}", highlight=False, soft_wrap=True)
    except DomainError as error:
        _fail(error)
    finally:
        services.close()


def _fail(error: DomainError) -> None:
    where = f" ({error.field})" if error.field else ""
    console.print(f"[red]{error.code}{where}: {error.message}[/red]")
    raise typer.Exit(1)


def main() -> None:
    try:
        cli()
    except STORE_ERRORS:
        problem = _storage_problem()
        if problem is None:
            raise
        # One line an operator can act on, instead of tracebacks from deep inside the stores.
        print(problem, file=sys.stderr)
        raise SystemExit(1) from None


def _storage_problem() -> str | None:
    try:
        settings = Settings()
    except ValueError:
        return None
    return storage_problem(settings)
