"""The auditor's bundle of one organisation: built from the demo, verified by its own `verify.py` in a separate
Python that cannot import Cordee, and refused by it, naming the event, for each way it can be tampered with."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from backend.audit.bundle import BundleRequest, build_bundle
from backend.audit.registers import register_sheets, registers_pdf
from backend.services import Services, build_services
from domain.application import Cordee
from domain.evidence.bundles import AuditBundles, audit_bundles_id
from domain.evidence.commands import ExportAuditBundle
from domain.organisations.organisation import organisation_id
from domain.shared.aggregate import SYSTEM_ACTOR
from domain.shared.errors import ValidationFailed
from domain.tenancy.consultancy import consultancy_id
from tests.conftest import on_test_day, sqlite_settings

ALPINE = consultancy_id("alpine")
MULLER = organisation_id(ALPINE, "Boulangerie Muller")
WINDOW = (date(2026, 1, 1), date(2027, 1, 4))
DEMO_WINDOW = (date(2025, 3, 3), date(2026, 3, 2))
"""The window of the bundle the demo exports: the twelve months up to the demo's day."""


def exported(services: Services) -> bytes:
    """A bundle of the window exported now: the demo exported the organisation's first."""
    services.app.handle(ExportAuditBundle(ALPINE, SYSTEM_ACTOR, MULLER, *WINDOW))
    services.runner.catch_up()
    return bundle_of(services, services.app.get(AuditBundles, ALPINE, audit_bundles_id(ALPINE, MULLER)).exported)


def bundle_of(services: Services, number: int, window: tuple[date, date] = WINDOW) -> bytes:
    request = BundleRequest(ALPINE, MULLER, "Boulangerie Muller", audit_bundles_id(ALPINE, MULLER), number, *window)

    def registers(_: object) -> tuple[list, bytes]:  # the live read model: nothing was recorded after the window
        sheets = register_sheets(services.store, ALPINE, MULLER)
        return sheets, registers_pdf(sheets, "Boulangerie Muller: registers", "As of 2027-01-04")

    return build_bundle(services.audit, request, registers)


def verify(bundle: Path, *keys: str) -> subprocess.CompletedProcess[str]:
    """`verify.py` taken out of the bundle and run in isolated mode, from a folder without Cordee."""
    folder = bundle.parent / "verifier"
    folder.mkdir(exist_ok=True)
    with zipfile.ZipFile(bundle) as zipped:
        (folder / "verify.py").write_bytes(zipped.read("verify.py"))
    arguments = [a for key in keys for a in ("--key", key)]
    command = [sys.executable, "-I", str(folder / "verify.py"), str(bundle), *arguments]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=60, check=False)


def rewritten(bundle: bytes, name: str, change: object) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(bundle)) as original, zipfile.ZipFile(output, "w") as altered:
        for member in original.namelist():
            data = original.read(member)
            altered.writestr(member, change(data) if member == name else data)  # type: ignore[operator]
    return output.getvalue()


@pytest.fixture(scope="module")
def bundles(seeded_demo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, bytes]]:
    """The demo's bundle of Boulangerie Muller and a second one exported from a copy of the demo, once for the
    module: the second is read."""
    root = tmp_path_factory.mktemp("bundles")
    shutil.copytree(seeded_demo, root / "data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Cordee, "today", staticmethod(on_test_day))
        services = build_services(sqlite_settings(root))
        try:
            first = zipfile.ZipFile(io.BytesIO(bundle_of(services, 1, DEMO_WINDOW)))
            assert json.loads(first.read("manifest.json"))["previous_checkpoint"] is None
            second = exported(services)
            key = services.audit.signer.vkey
        finally:
            services.close()
    path = root / "bundle.zip"
    path.write_bytes(second)
    with zipfile.ZipFile(path) as zipped:
        files = {name: zipped.read(name) for name in zipped.namelist()}
    return path, key, files


def test_an_honest_bundle_verifies_offline_with_the_published_key(bundles: tuple[Path, str, dict[str, bytes]]) -> None:
    path, key, files = bundles
    result = verify(path, key)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("VERIFIED")
    assert "Consistent with the previous bundle's checkpoint" in result.stdout
    assert set(files) == {
        "manifest.json", "manifest.sig", "events.jsonl", "proofs.jsonl", "registers.xlsx", "registers.pdf",
        "keys.json", "verify.py", "VERIFY.md",
    }  # fmt: skip
    assert b"import backend" not in files["verify.py"] and b"from backend" not in files["verify.py"]
    assert b"cryptography" in files["VERIFY.md"]


def test_the_bundle_holds_the_organisations_own_history_and_its_export(
    bundles: tuple[Path, str, dict[str, bytes]],
) -> None:
    _, _, files = bundles
    manifest = json.loads(files["manifest.json"])
    events = [json.loads(line) for line in files["events.jsonl"].splitlines()]
    assert len(events) == len(manifest["events"]) > 20
    topics = {e["topic"].rpartition(".")[0] for e in events}
    assert not any("tenancy" in t for t in topics)  # accounts hold credentials
    assert any(t.startswith("domain.risks") for t in topics) and any(t.startswith("domain.assets") for t in topics)
    text = files["events.jsonl"].decode()
    for other in ("Kirchberg", "Moselle", "Weber", "Schmit", "Costa", "argon2"):
        assert other not in text
    last = events[-1]
    assert (last["originator_id"], last["originator_version"]) == (str(audit_bundles_id(ALPINE, MULLER)), 3)
    assert last["topic"].endswith("AuditBundles.Exported") and last["state"]["number"] == 2


def test_the_registers_open_and_show_only_the_organisation(bundles: tuple[Path, str, dict[str, bytes]]) -> None:
    _, _, files = bundles
    workbook = load_workbook(io.BytesIO(files["registers.xlsx"]))
    assert {"assets", "risks", "documents"} <= set(workbook.sheetnames)
    risks = workbook["risks"]
    assert risks.max_row > 1
    cells = " ".join(str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row)
    for other in ("Kirchberg", "Moselle", "Weber"):
        assert other not in cells
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(files["registers.pdf"])).pages)
    assert "Boulangerie Muller" in pdf and "risks" in pdf


def _lines(change: object) -> object:
    def rewrite(data: bytes) -> bytes:
        lines = data.splitlines(keepends=True)
        return b"".join(change(lines))  # type: ignore[operator]

    return rewrite


def _flip(lines: list[bytes]) -> list[bytes]:
    line = bytearray(lines[3])
    line[len(line) // 2] ^= 0x01
    return [*lines[:3], bytes(line), *lines[4:]]


@pytest.mark.parametrize(
    ("name", "file", "change", "named"),
    [
        ("a flipped byte", "events.jsonl", _lines(_flip), "event 4 "),
        ("a deleted event", "events.jsonl", _lines(lambda ls: ls[:5] + ls[6:]), "event 6 "),
        (
            "two events swapped",
            "events.jsonl",
            _lines(lambda ls: [*ls[:2], ls[7], *ls[3:7], ls[2], *ls[8:]]),
            "event 3 ",
        ),
        ("an inserted event", "events.jsonl", _lines(lambda ls: [*ls[:4], ls[4], *ls[4:]]), "event 6 "),
        ("a truncated file", "events.jsonl", _lines(lambda ls: ls[:-2]), "is missing from the bundle"),
        ("a forged checkpoint", "manifest.json", lambda d: d.replace(b"\\n", b"\\n ", 1), "manifest.json"),
        ("another register", "registers.xlsx", lambda d: d[:-10] + b"0123456789", "registers.xlsx"),
    ],
)
def test_each_tampering_fails_and_names_what_was_changed(
    bundles: tuple[Path, str, dict[str, bytes]], name: str, file: str, change: object, named: str
) -> None:
    path, key, _ = bundles
    tampered = path.with_name(f"tampered-{name.replace(' ', '-')}.zip")
    tampered.write_bytes(rewritten(path.read_bytes(), file, change))
    result = verify(tampered, key)
    assert result.returncode == 1, (name, result.stdout)
    assert result.stdout.startswith("FAILED:") and named in result.stdout, (name, result.stdout)
    if file == "events.jsonl" and "missing" not in named:
        assert "aggregate " in result.stdout and "sequence number " in result.stdout


def test_a_key_other_than_the_published_one_fails(bundles: tuple[Path, str, dict[str, bytes]]) -> None:
    path, key, _ = bundles
    name, key_id, encoded = key.split("+", 2)
    changed = "B" if encoded[10] != "B" else "C"  # inside the key: its first letters are its type, always "AQ"
    other = f"{name}+{key_id}+{encoded[:10] + changed + encoded[11:]}"
    result = verify(path, other)
    assert result.returncode == 1 and "FAILED" in result.stdout


def test_a_window_that_ends_in_the_future_or_starts_after_it_ends_writes_nothing(demo_services: Services) -> None:
    before = demo_services.app.recorder.max_notification_id()
    with pytest.raises(ValidationFailed) as future:
        demo_services.execute(ExportAuditBundle(ALPINE, SYSTEM_ACTOR, MULLER, date(2026, 1, 1), date(2027, 2, 1)))
    assert future.value.field == "window_to"
    with pytest.raises(ValidationFailed) as backwards:
        demo_services.execute(ExportAuditBundle(ALPINE, SYSTEM_ACTOR, MULLER, date(2026, 6, 1), date(2026, 5, 1)))
    assert backwards.value.field == "window_from"
    assert demo_services.app.recorder.max_notification_id() == before
    assert UUID(int=0) != MULLER
