"""Names of downloads as clients read them: one line of text, and file names in any script (RFC 6266, RFC 5987).

A stored name may hold what a header or a calendar line cannot: a line break, a tab, a letter outside Latin-1.
`content_disposition` gives the exact name percent-encoded as UTF-8 in `filename*`, which current browsers and
mail clients read, and a plain ASCII `filename` for the others.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

_CONTROLS = re.compile("[ \t]*[\u0000-\u001f\u007f-\u009f\u2028\u2029]+[ \t]*")
"""Runs of control characters (Unicode Cc), line and paragraph separators, with the blanks around them."""

_NO_DECOMPOSITION = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h", "\u0131": "i", "ß": "ss"}
    | {"Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th", "\u2013": "-", "\u2014": "-"}
)
"""Latin letters (and dashes) that Unicode does not decompose into an ASCII letter and a mark."""


def one_line(text: str) -> str:
    """The text on one line: each run of line breaks, tabs or other control characters becomes one space."""
    return _CONTROLS.sub(" ", text).strip()


def content_disposition(filename: str, disposition: str = "inline") -> str:
    """The header value: the ASCII fallback in `filename`, the exact name in `filename*` (UTF-8, percent-encoded)."""
    return f"{disposition}; filename=\"{ascii_filename(filename)}\"; filename*=UTF-8''{quote(filename, safe='')}"


def ascii_filename(filename: str) -> str:
    """The name in ASCII on one line, accents dropped, other letters as `_`, without quotes or backslashes."""
    decomposed = unicodedata.normalize("NFKD", one_line(filename).translate(_NO_DECOMPOSITION))
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    ascii_only = "".join(c if c.isascii() else "_" for c in letters)
    return ascii_only.replace('"', "").replace("\\", "").strip() or "download"
