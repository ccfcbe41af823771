"""Commands on a consultancy's own catalogues: importing one, and its private text of a control."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID


@dataclass(frozen=True)
class ImportCatalogue:
    """A catalogue file in our format (`cordee`) or an OSCAL catalog (`oscal`, named by `catalogue_id`)."""

    tenant_id: UUID
    actor_id: UUID
    format: str
    content: str = field(repr=False)
    catalogue: str | None = None
    """Our id for the catalogue (not a uuid: `acme-baseline`)."""


@dataclass(frozen=True)
class WriteControlText:
    """The consultancy's own text of a control, pasted or replaced."""

    tenant_id: UUID
    actor_id: UUID
    catalogue: str
    """The catalogue's id, e.g. `iso27001-2022`."""
    control: str
    """The control's id in it, e.g. `5.23`."""
    text: str = field(repr=False)
