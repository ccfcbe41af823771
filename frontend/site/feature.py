"""What one feature brings to the site: its page routes, its templates and, if any, its link in the main navigation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontend.site.live import LivePage
from frontend.site.page import PageBase


@dataclass(frozen=True)
class PageFeature:
    """A feature's pages. Its templates are named `<name>/<file>` in every template (`clusters/plan.html`)."""

    name: str
    folder: Path
    """The feature's folder: its page templates are in `templates/` there."""
    pages: tuple[type[PageBase], ...]
    nav: tuple[str, str] | None = None
    """The link in the main navigation, as (path, text)."""
    admin_nav: tuple[tuple[str, str], ...] = ()
    """Links in the main navigation for those who administer the consultancy (the viewer's `administers`)."""
    staff_nav: tuple[tuple[str, str], ...] = ()
    """Links in the main navigation for admins and coaches (the viewer's `oversees_clusters`)."""
    live: tuple[LivePage, ...] = ()
    """Its pages that update without a reload (`frontend/site/live.py`): each has a stream at `/live<path>`."""
    template_globals: Mapping[str, Any] = field(default_factory=dict)
    """Names the feature's templates use wherever they are included, such as the options of its forms."""

    @property
    def templates(self) -> Path:
        return self.folder / "templates"
