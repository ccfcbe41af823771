"""What a file attached to a version may be: its type is read from its content, its size is bounded."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest

from domain.documents.attachments import MAX_ATTACHMENT_BYTES, check_file, sniff
from domain.shared.errors import ValidationFailed


def office(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = office({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = office({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = office({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"})


@pytest.mark.parametrize(
    ("content", "media_type"),
    [
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0....", "image/jpeg"),
        (DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (ODT, "application/vnd.oasis.opendocument.text"),
        ("Politique de sécurité\n".encode(), "text/plain"),
    ],
)
def test_each_accepted_type_is_known_by_its_content(content: bytes, media_type: str) -> None:
    assert sniff(content) == media_type


@pytest.mark.parametrize(
    "content", [b"MZ\x90\x00\x03\x00\x00\x00", office({"evil.exe": b"MZ"}), b"\x00\x01binary", b"PK\x03\x04broken"]
)
def test_other_content_is_refused(content: bytes) -> None:
    with pytest.raises(ValidationFailed) as error:
        check_file("policy.pdf", content)
    assert error.value.field == "content"


def test_a_name_that_does_not_match_the_content_is_refused() -> None:
    with pytest.raises(ValidationFailed) as error:
        check_file("policy.pdf", b"just text")
    assert error.value.field == "filename"
    assert ".txt" in str(error.value)


def test_a_renamed_executable_is_refused_whatever_its_name() -> None:
    with pytest.raises(ValidationFailed) as error:
        check_file("minutes.docx", office({"evil.exe": b"MZ"}))
    assert error.value.field == "content"


def test_size_limits() -> None:
    with pytest.raises(ValidationFailed, match="empty"):
        check_file("a.txt", b"")
    with pytest.raises(ValidationFailed, match="10 MB"):
        check_file("a.txt", b"a" * (MAX_ATTACHMENT_BYTES + 1))
    assert check_file("a.txt", b"a" * MAX_ATTACHMENT_BYTES).size == MAX_ATTACHMENT_BYTES


def test_the_checked_file_carries_its_sha256() -> None:
    checked = check_file("scan.pdf", b"%PDF-1.4 signed")
    assert checked.content_hash == hashlib.sha256(b"%PDF-1.4 signed").hexdigest()
    assert checked.media_type == "application/pdf"


@pytest.mark.parametrize("name", ["../etc/passwd.txt", "a/b.txt", "c:\\x.txt", ""])
def test_unsafe_or_blank_names_are_refused(name: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        check_file(name, b"text")
    assert error.value.field == "filename"
