"""Parse and validate each distinct document once: the pages run the same few documents on every request.

A document that passed parsing (with the token limit) and every validation rule (depth, aliases, introspection in
production) once passes them again, since the schema and its rules are fixed when the schema is built. So the
parsed document is kept, and the next request with the same text skips both steps. A document that failed is not
kept: it is parsed and refused again, with its errors. The cache is bounded and least-recently-used.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from threading import Lock

from graphql import DocumentNode
from strawberry.extensions.base_extension import SchemaExtension

DEFAULT_SIZE = 256


class DocumentCache:
    """Documents known to be valid for one schema, by their text. Shared by every request to that schema."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        self.size = size
        self._documents: OrderedDict[str, DocumentNode] = OrderedDict()
        self._lock = Lock()

    def get(self, text: str) -> DocumentNode | None:
        with self._lock:
            document = self._documents.get(text)
            if document is not None:
                self._documents.move_to_end(text)
            return document

    def keep(self, text: str, document: DocumentNode) -> None:
        with self._lock:
            self._documents[text] = document
            self._documents.move_to_end(text)
            while len(self._documents) > self.size:
                self._documents.popitem(last=False)


class KnownDocuments(SchemaExtension):
    """Skips parsing and validation for a document already found valid; made per request, the cache is shared."""

    def __init__(self, cache: DocumentCache) -> None:
        self.cache = cache
        self.known = False

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query and context.graphql_document is None:
            document = self.cache.get(context.query)
            if document is not None:
                context.graphql_document, self.known = document, True
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        if self.known:
            context.pre_execution_errors = []
        yield
        if not self.known and context.query and context.graphql_document and context.pre_execution_errors == []:
            self.cache.keep(context.query, context.graphql_document)
