"""What a file attached to a version may be: its size, and its type as its content shows it (not only its name)."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass

from domain.shared.errors import ValidationFailed
from domain.shared.text import single_line

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
FILENAME_MAX_LENGTH = 200

MEDIA_TYPES = {
    "application/pdf": (".pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "application/vnd.oasis.opendocument.text": (".odt",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "text/plain": (".txt",),
}
"""The types accepted, with the file name endings each may have."""

_UNSAFE_IN_NAME = re.compile(r"[\\/:*?\"<>|]")


@dataclass(frozen=True)
class Checked:
    """A file that may be attached: its name, its type as sniffed, its size and its SHA-256."""

    filename: str
    media_type: str
    size: int
    content_hash: str


def check_file(filename: str, content: bytes) -> Checked:
    name = single_line("filename", filename, FILENAME_MAX_LENGTH)
    if _UNSAFE_IN_NAME.search(name):
        raise ValidationFailed("filename", 'A file name has no slashes, colons or the characters * ? " < > |.')
    if not content:
        raise ValidationFailed("content", "The file is empty.")
    if len(content) > MAX_ATTACHMENT_BYTES:
        raise ValidationFailed("content", f"The file is larger than {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB.")
    media_type = sniff(content)
    if media_type is None:
        raise ValidationFailed("content", "Attach a PDF, DOCX, XLSX, ODT, PNG, JPEG or plain text file.")
    if not name.lower().endswith(MEDIA_TYPES[media_type]):
        expected = " or ".join(MEDIA_TYPES[media_type])
        raise ValidationFailed("filename", f"The file's content is {media_type}: its name should end in {expected}.")
    return Checked(name, media_type, len(content), content_hash(content))


def content_hash(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def sniff(content: bytes) -> str | None:
    """The type the content's first bytes (or, for office files, its zip entries) show; None if not accepted."""
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"PK\x03\x04"):
        return _office(content)
    return "text/plain" if _plain_text(content) else None


def _office(content: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            mimetype = archive.read("mimetype").strip() if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    if mimetype == b"application/vnd.oasis.opendocument.text":
        return "application/vnd.oasis.opendocument.text"
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def _plain_text(content: bytes) -> bool:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not re.search("[\u0000-\u0008\u000b\u000e-\u001f\u007f]", text)
