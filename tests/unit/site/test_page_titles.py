"""A page's title is words: the browser shows the `title` block as text, so markup there is printed in the tab and
is missing from the page's body."""

from __future__ import annotations

import re
from pathlib import Path

FRONTEND = Path(__file__).parents[3] / "frontend"
TITLE = re.compile(r"{%-? block title -?%}(.*?){%-? endblock", re.S)


def test_every_page_title_block_holds_no_markup() -> None:
    templates = sorted(FRONTEND.rglob("*.html"))
    titled = {path: TITLE.search(path.read_text(encoding="utf-8")) for path in templates}
    titles = {path.relative_to(FRONTEND).as_posix(): found.group(1) for path, found in titled.items() if found}
    assert len(titles) > 40
    assert {path: title for path, title in titles.items() if "<" in title or "\n" in title} == {}
