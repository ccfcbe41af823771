"""Finding controls in a catalogue: by theme or domain, by words of their id or title, a page at a time."""

from __future__ import annotations

from domain.catalogues.catalogue import Catalogue, Control, natural_order
from domain.shared.errors import ValidationFailed
from domain.shared.text import single_line

SEARCH_MAX_LENGTH = 100


def controls_page(
    catalogue: Catalogue, size: int, after: str | None = None, group: str | None = None, search: str | None = None
) -> list[Control]:
    """Up to `size` controls after the control `after`, in natural order of their ids, that match the filters."""
    wanted = _group(catalogue, group)
    words = single_line("search", search, SEARCH_MAX_LENGTH, required=False).casefold().split()
    start = natural_order(after) if after else ()
    found = (
        control
        for control in catalogue.controls
        if natural_order(control.id) > start and _in(control, wanted) and _matches(control, words)
    )
    return [control for _, control in zip(range(size), found, strict=False)]


def _group(catalogue: Catalogue, group: str | None) -> str | None:
    if group and catalogue.group(group) is None:
        raise ValidationFailed("group", f"{catalogue.edition} has no {catalogue.grouping} {group!r}.")
    return group or None


def _in(control: Control, group: str | None) -> bool:
    return group is None or control.group == group


def _matches(control: Control, words: list[str]) -> bool:
    text = f"{control.id} {control.title}".casefold()
    return all(word in text for word in words)
