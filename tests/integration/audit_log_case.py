"""The tamper-evident log against each way a stored history can be rewritten: a flipped byte, a deleted event, two
events swapped, an inserted event, a truncated log, a forged checkpoint. Each is found and named at its place:
the tenant, the sequence number in its log, the aggregate and its version. The other tenant's log still verifies.

Written once; mixed into the SQLite and PostgreSQL cases. The tampering is done in SQL, as someone with access to
the database would."""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import text

from backend.audit.log import Problem
from backend.audit.verifier import Peaks, parse_checkpoint, root_of
from backend.services import Services
from tests.integration.application_case import Tenant


class AuditLogCase:
    def test_an_honest_log_verifies_with_its_signed_checkpoints(self, services: Services) -> None:
        tenant, other = Tenant(services, "alpine"), Tenant(services, "harbour")
        first = services.audit.checkpoint(tenant.id)
        tenant.run_a_session(services)
        second = services.audit.checkpoint(tenant.id)
        services.audit.checkpoint(other.id)
        assert first and second and second.tree_size > first.tree_size
        assert services.audit.checkpoint(tenant.id) == second  # nothing new: the same checkpoint
        reports = {r.tenant_id: r for r in services.audit.verify()}
        assert [p for r in reports.values() for p in r.problems] == []
        assert reports[tenant.id].size == second.tree_size == self._stored(services, tenant.id)
        assert reports[tenant.id].checkpoints == 2 and reports[other.id].checkpoints == 1
        assert reports[tenant.id].root == second.root_hash == services.audit.head(tenant.id)[1]
        note = parse_checkpoint(second.note)
        assert note.origin == f"cordee.local/tenants/{tenant.id}" and note.size == second.tree_size
        assert root_of(services.audit.leaf_hashes(tenant.id, first.tree_size)) == first.root_hash

    def test_a_flipped_byte_is_found_at_its_event(self, services: Services) -> None:
        tenant, other = self._two_tenants(services)
        at = self._at(services, tenant.id, 5)
        state = bytearray(at["state"])
        state[len(state) // 2] ^= 0x01
        self._sql(services, f"UPDATE {self._events(services)} SET state = :s WHERE {self._id(services)} = :n",
                  s=bytes(state), n=at["notification_id"])  # fmt: skip
        assert self._problems(services, tenant.id) == [("altered", 5, at["originator_id"], at["version"])]
        assert self._problems(services, other.id) == []

    def test_a_deleted_event_is_found_at_its_place(self, services: Services) -> None:
        tenant, _ = self._two_tenants(services)
        at = self._at(services, tenant.id, 7)
        self._sql(services, f"DELETE FROM {self._events(services)} WHERE {self._id(services)} = :n",
                  n=at["notification_id"])  # fmt: skip
        assert self._problems(services, tenant.id) == [("deleted", 7, at["originator_id"], at["version"])]

    def test_two_swapped_events_are_found_at_both_places(self, services: Services) -> None:
        tenant, _ = self._two_tenants(services)
        one, two = self._at(services, tenant.id, 4), self._at(services, tenant.id, 9)
        events, key = self._events(services), self._id(services)
        self._sql(services, f"DELETE FROM {events} WHERE {key} IN (:a, :b)",
                  a=one["notification_id"], b=two["notification_id"])  # fmt: skip
        for row, place in ((one, two), (two, one)):
            self._sql(
                services,
                f"INSERT INTO {events} ({key}, originator_id, originator_version, topic, state) "
                "VALUES (:n, :o, :v, :t, :s)",
                n=place["notification_id"], o=self._originator(services, row["originator_id"]),
                v=row["version"], t=row["topic"], s=row["state"],
            )  # fmt: skip
        assert self._problems(services, tenant.id) == [
            ("replaced", 4, one["originator_id"], one["version"]),
            ("replaced", 9, two["originator_id"], two["version"]),
        ]

    def test_an_inserted_event_is_found_with_the_place_it_would_take(self, services: Services) -> None:
        tenant, _ = self._two_tenants(services)
        size = self._stored(services, tenant.id)
        copied, forged = self._at(services, tenant.id, 3), uuid4()
        self._sql(
            services,
            f"INSERT INTO {self._events(services)} (originator_id, originator_version, topic, state) "
            "VALUES (:o, 1, :t, :s)",
            o=self._originator(services, forged), t=copied["topic"], s=copied["state"],
        )  # fmt: skip
        assert self._problems(services, tenant.id) == [("inserted", size, forged, 1)]

    def test_a_truncated_log_is_found_by_its_signed_checkpoint(self, services: Services) -> None:
        tenant, _ = self._two_tenants(services)
        signed = services.audit.checkpoint(tenant.id)
        assert signed is not None
        kept = signed.tree_size - 3
        # The events, their leaves and the head all cut back: only the signed checkpoint remembers the length.
        for position in range(kept, signed.tree_size):
            at = self._at(services, tenant.id, position)
            self._sql(services, f"DELETE FROM {self._events(services)} WHERE {self._id(services)} = :n",
                      n=at["notification_id"])  # fmt: skip
        self._sql(services, "DELETE FROM audit_leaves WHERE tenant_id = :t AND leaf_index >= :k",
                  t=str(tenant.id), k=kept)  # fmt: skip
        peaks = Peaks()
        for leaf in services.audit.leaf_hashes(tenant.id, kept):
            peaks.append(leaf)
        self._sql(services, "UPDATE audit_heads SET size = :s, peaks = :p WHERE tenant_id = :t",
                  s=kept, p=peaks.packed(), t=str(tenant.id))  # fmt: skip
        assert self._problems(services, tenant.id) == [("truncated", kept, None, None)]

    def test_a_forged_checkpoint_is_found(self, services: Services) -> None:
        tenant, _ = self._two_tenants(services)
        signed = services.audit.checkpoint(tenant.id)
        assert signed is not None
        lines = signed.note.split("\n")
        lines[1] = str(signed.tree_size - 1)  # the size claimed, under the old signature
        self._sql(services, "UPDATE audit_checkpoints SET note = :n WHERE tenant_id = :t",
                  n="\n".join(lines), t=str(tenant.id))  # fmt: skip
        kinds = [(p.kind, p.position) for p in self._report(services, tenant.id)]
        assert kinds == [("bad signature", signed.tree_size - 1), ("unsigned root", signed.tree_size - 1)]

    # Helpers

    def _two_tenants(self, services: Services) -> tuple[Tenant, Tenant]:
        tenant, other = Tenant(services, "alpine"), Tenant(services, "harbour")
        tenant.run_a_session(services)
        return tenant, other

    def _report(self, services: Services, tenant_id: UUID) -> list[Problem]:
        reports = services.audit.verify(tenant_id)
        assert {r.tenant_id for r in reports} <= {tenant_id}
        return [p for r in reports for p in r.problems]

    def _problems(self, services: Services, tenant_id: UUID) -> list[tuple[str, int | None, UUID | None, int | None]]:
        return [(p.kind, p.position, p.originator_id, p.originator_version) for p in self._report(services, tenant_id)]

    def _stored(self, services: Services, tenant_id: UUID) -> int:
        with services.audit.engine.connect() as conn:
            return int(
                conn.execute(
                    text("SELECT count(*) FROM audit_leaves WHERE tenant_id = :t"), {"t": str(tenant_id)}
                ).scalar_one()
            )

    def _at(self, services: Services, tenant_id: UUID, position: int) -> dict[str, Any]:
        events, key = self._events(services), self._id(services)
        with services.audit.engine.connect() as conn:
            row = conn.execute(
                text(
                    f"SELECT l.notification_id, e.originator_id, e.originator_version, e.topic, e.state "
                    f"FROM audit_leaves l JOIN {events} e ON e.{key} = l.notification_id "
                    "WHERE l.tenant_id = :t AND l.leaf_index = :i"
                ),
                {"t": str(tenant_id), "i": position},
            ).one()
        return {
            "notification_id": row[0],
            "originator_id": UUID(str(row[1])),
            "version": row[2],
            "topic": row[3],
            "state": bytes(row[4]),
        }

    def _sql(self, services: Services, statement: str, **parameters: Any) -> None:
        with services.audit.engine.begin() as conn:
            conn.execute(text(statement), parameters)

    def _events(self, services: Services) -> str:
        return services.audit.events_table

    def _id(self, services: Services) -> str:
        return services.audit.event_id

    def _originator(self, services: Services, originator: UUID) -> Any:
        return originator if services.audit.is_postgres else originator.hex
