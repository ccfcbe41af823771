"""Idempotent mutations: a retry with the same `Idempotency-Key` gets the first answer and writes nothing new.

The key is claimed (inserted, under a unique key) before the mutation runs, so two concurrent requests with one key
cannot both write. A claim is kept with its answer when the mutation saved something, and given back when it saved
nothing (refused, or the store was unavailable), so a retry then runs afresh.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import anyio.to_thread
from graphql import ExecutionResult, GraphQLError, print_ast
from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    MetaData,
    String,
    Table,
    Text,
    Uuid,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError
from strawberry.extensions.base_extension import SchemaExtension
from strawberry.types import ExecutionContext
from strawberry.types.graphql import OperationType

HEADER = "Idempotency-Key"
KEPT_FOR = timedelta(hours=24)
_KEY_SHAPE = re.compile(r"[\x21-\x7e]{1,128}")
BAD_KEY = f"{HEADER} must be 1 to 128 visible ASCII characters."
OTHER_REQUEST = f"This {HEADER} was used for a different request. Use a new key for a new change."
UNSETTLED = (
    f"A request with this {HEADER} is still running, or stopped before it answered. "
    "Check whether the change was saved before sending it with a new key."
)

_metadata = MetaData()
idempotency_keys = Table(
    "graphql_idempotency_keys",
    _metadata,
    Column("tenant_id", Uuid, primary_key=True),
    Column("account_id", Uuid, primary_key=True),
    Column("key", String(128), primary_key=True),
    Column("request_hash", String(64), nullable=False),
    Column("answer", Text, nullable=True, comment="The first answer as JSON; NULL while the mutation runs."),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)


def is_valid_key(key: str) -> bool:
    return _KEY_SHAPE.fullmatch(key) is not None


@dataclass(frozen=True)
class Owner:
    tenant_id: UUID
    account_id: UUID
    key: str


class IdempotencyStore:
    """(tenant, account, key) -> the hash of the request and its first answer, kept `KEPT_FOR`."""

    def __init__(self, engine: Engine, kept_for: timedelta = KEPT_FOR) -> None:
        self.engine = engine
        self.kept_for = kept_for

    def create_table(self) -> None:
        with self._writing() as conn:
            _metadata.create_all(conn)

    def claim(self, owner: Owner, request_hash: str) -> dict[str, Any] | str | None:
        """None: claimed, run the mutation. A dict: the first answer, to give again. A str: why it is refused."""
        now = datetime.now(UTC)
        try:
            with self._writing() as conn:
                conn.execute(delete(idempotency_keys).where(idempotency_keys.c.expires_at < now))
                conn.execute(
                    insert(idempotency_keys).values(
                        tenant_id=owner.tenant_id,
                        account_id=owner.account_id,
                        key=owner.key,
                        request_hash=request_hash,
                        expires_at=now + self.kept_for,
                    )
                )
            return None
        except IntegrityError:
            row = self._find(owner)
        if row is None or row.request_hash != request_hash:
            return OTHER_REQUEST if row is not None else UNSETTLED
        return UNSETTLED if row.answer is None else dict(json.loads(row.answer))

    def keep(self, owner: Owner, answer: dict[str, Any]) -> None:
        with self._writing() as conn:
            conn.execute(update(idempotency_keys).where(*_is(owner)).values(answer=json.dumps(answer)))

    def give_back(self, owner: Owner) -> None:
        with self._writing() as conn:
            conn.execute(delete(idempotency_keys).where(*_is(owner)))

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        # A writer from the start (see `ReadStore.writing`): on SQLite it waits for the write lock instead of
        # failing when another connection wrote between its read and its write.
        with self.engine.connect() as base:
            conn = base.execution_options(writer=True)
            with conn.begin():
                yield conn

    def _find(self, owner: Owner) -> Any:
        with self.engine.connect() as conn:
            return conn.execute(select(idempotency_keys).where(*_is(owner))).first()


def _is(owner: Owner) -> tuple[Any, ...]:
    c = idempotency_keys.c
    return (c.tenant_id == owner.tenant_id, c.account_id == owner.account_id, c.key == owner.key)


def request_hash(context: ExecutionContext) -> str:
    assert context.graphql_document is not None
    request = {
        "document": print_ast(context.graphql_document),
        "operation": context.operation_name,
        "variables": context.variables or {},
    }
    return hashlib.sha256(json.dumps(request, sort_keys=True, default=str).encode()).hexdigest()


def answer_of(result: ExecutionResult) -> dict[str, Any]:
    return {"data": result.data, "errors": [error.formatted for error in result.errors or []]}


def result_of(answer: dict[str, Any]) -> ExecutionResult:
    errors = [GraphQLError(e["message"], path=e.get("path"), extensions=e.get("extensions")) for e in answer["errors"]]
    return ExecutionResult(data=answer["data"], errors=errors or None)


class IdempotentMutations(SchemaExtension):
    """Listed before the masking of errors, so that the answer it keeps is the one the client got."""

    def __init__(self) -> None:
        self.claimed: Owner | None = None

    async def on_execute(self) -> AsyncIterator[None]:
        context = self.execution_context
        owner = self._owner(context)
        if owner is not None and context.result is None and context.operation_type == OperationType.MUTATION:
            store: IdempotencyStore = context.context.idempotency_store
            claim = await anyio.to_thread.run_sync(store.claim, owner, request_hash(context))
            if claim is None:
                self.claimed = owner
            elif isinstance(claim, dict):
                context.result = result_of(claim)
            else:
                refusal = GraphQLError(claim, extensions={"code": "CONFLICT", "field": HEADER})
                context.result = ExecutionResult(data=None, errors=[refusal])
        yield

    async def on_operation(self) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if self.claimed is not None:
                await anyio.to_thread.run_sync(self._settle, self.claimed)

    def _settle(self, owner: Owner) -> None:
        context = self.execution_context
        store: IdempotencyStore = context.context.idempotency_store
        if context.context.saved_something and isinstance(context.result, ExecutionResult):
            store.keep(owner, answer_of(context.result))
        elif not context.context.saved_something:
            store.give_back(owner)

    @staticmethod
    def _owner(context: ExecutionContext) -> Owner | None:
        request = context.context
        key, principal = getattr(request, "idempotency_key", None), getattr(request, "principal", None)
        if key is None or principal is None or getattr(request, "idempotency_store", None) is None:
            return None
        return Owner(principal.tenant_id, principal.account_id, key)
