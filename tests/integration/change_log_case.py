"""Change numbers under concurrent filings: engineers filing at the same instant, on threads against the real
application, get numbers that never repeat and never skip, and the read model lists each change once.

Written once; mixed into the SQLite and PostgreSQL cases."""

from __future__ import annotations

import threading
import time
from uuid import UUID

from sqlalchemy import select

from backend.services import Services
from domain.changes.commands import FileChange
from domain.changes.log_book import ChangeLogBook, log_book_id
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.account import Role
from domain.tenancy.commands import OpenAccount
from tests.integration.application_case import Tenant

ENGINEERS = 6
FILINGS_EACH = 5


class ChangeLogCase:
    def test_concurrent_filings_get_every_number_once(self, services: Services) -> None:
        tenant, other = Tenant(services, "alpine"), Tenant(services, "harbour")
        organisation, elsewhere = tenant.members[0], other.members[0]
        owner = self._member(services, tenant.id, organisation, "olga@org0.example")
        stranger = self._member(services, other.id, elsewhere, "olga@harbour.example")
        services.runner.start()
        start, failures = threading.Barrier(ENGINEERS + 1), list[BaseException]()

        def file_changes(tenant_id: UUID, org: UUID, account: UUID, engineer: int) -> None:
            start.wait()
            try:
                for n in range(FILINGS_EACH):
                    filing = FileChange(
                        tenant_id, account, org, account, f"Engineer {engineer}", f"host-{engineer}-{n}.example",
                        "Raise a limit", "non_operational", "low", "Load",
                    )  # fmt: skip
                    services.execute(filing)
            except BaseException as error:
                failures.append(error)

        threads = [
            threading.Thread(target=file_changes, args=(tenant.id, organisation, owner, e))
            for e in range(ENGINEERS - 1)
        ]
        threads.append(threading.Thread(target=file_changes, args=(other.id, elsewhere, stranger, ENGINEERS)))
        for thread in threads:
            thread.start()
        began = time.perf_counter()
        start.wait()
        for thread in threads:
            thread.join()
        took = time.perf_counter() - began
        assert failures == []
        services.runner.catch_up()
        expected = (ENGINEERS - 1) * FILINGS_EACH
        assert self._numbers(services, tenant.id, organisation) == list(range(1, expected + 1)), took
        assert self._numbers(services, other.id, elsewhere) == list(range(1, FILINGS_EACH + 1))
        book = services.app.get(ChangeLogBook, tenant.id, log_book_id(tenant.id, organisation))
        assert book.last_number == expected
        print(f"{expected + FILINGS_EACH} concurrent filings on {ENGINEERS} threads took {took:.2f} s")

    def _member(self, services: Services, tenant_id: UUID, organisation: UUID, email: str) -> UUID:
        opened = OpenAccount(tenant_id, SYSTEM_ACTOR, email, "Olga", "$argon2id$x", (Role.MEMBER,), organisation)
        return services.app.handle(opened).aggregate_id

    def _numbers(self, services: Services, tenant_id: UUID, organisation: UUID) -> list[int]:
        changes = services.store.tables.changes
        query = (
            select(changes.c.number)
            .where(changes.c.tenant_id == tenant_id, changes.c.organisation_id == organisation)
            .order_by(changes.c.number)
        )
        with services.store.reading() as conn:
            return [row[0] for row in conn.execute(query)]
