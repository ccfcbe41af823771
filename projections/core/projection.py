"""What a projection is: a name, the events it reads, and one handler per event type.

Handlers are pure functions of the event and the projection's own rows: no clock, no random ids, no reads of
other projections' tables. That is what makes a replay give the same rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from domain.legacy_topics import topics_of
from projections.core.tables import ReadTables
from projections.core.writer import GroupedWriter

Handler = Callable[[GroupedWriter, Any], None]


class Projection:
    """Subclasses map (aggregate class, event name) to the name of the handler method, in `handles`."""

    name: ClassVar[str]
    handles: ClassVar[dict[tuple[type, str], str]]

    def __init__(self, tables: ReadTables) -> None:
        self.tables = tables
        self._handlers: dict[str, Handler] = {
            f"{topic}.{event_name}": getattr(self, method)
            for (aggregate, event_name), method in self.handles.items()
            for topic in topics_of(aggregate)
        }

    @property
    def topics(self) -> list[str]:
        return sorted(self._handlers)

    def apply(self, writer: GroupedWriter, topic: str, event: Any) -> None:
        self._handlers[topic](writer, event)

    def apply_at(self, writer: GroupedWriter, position: int, topic: str, event: Any) -> None:
        """What the runner calls, with the event's position in the log: most projections need no position and
        `apply` the event; one that records the position (the audit trail) overrides this."""
        self.apply(writer, topic, event)
