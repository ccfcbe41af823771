"""The auditor's bundle: one organisation's events in an audit window, proved against a signed checkpoint, with
its registers as they stood on the audit date, and a verifier that runs without Cordee.

The ZIP holds:
- `events.jsonl`: the organisation's events recorded in the window (and the bundle's own export event), each in
  its canonical form, one per line, in the log's order. An event is the organisation's when its aggregate is the
  organisation's (the aggregate is the organisation, or its first event names it), or when the event itself names
  the organisation (its admission to a cluster, its coaching). Accounts are not (their events hold credentials),
  nor are a cluster's shared events that do not name it (they concern the other members too).
- `proofs.jsonl`: for each line, its sequence number in the consultancy's log and its RFC 9162 audit path to the
  checkpoint's root. The proofs carry hashes only: nothing of another organisation's events can be read from them.
- `manifest.json`: the consultancy, the organisation, the window, the events listed by sequence number, aggregate
  and version, the checkpoint (the first signed after the export event), the previous bundle's checkpoint and the
  consistency proof from it, and the SHA-256 of every other file; `manifest.sig` is the instance's signature of it.
- `registers.xlsx` and `registers.pdf`: the organisation's registers as of the end of the window's last day (UTC),
  or now if that is still to come (the manifest says which moment), from a read model replayed up to it.
- `keys.json`: the public keys that signed; `verify.py` (standard library, and `cryptography` for Ed25519) and
  `VERIFY.md`.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import text

from backend.audit import verifier
from backend.audit.canonical import canonical_event, moment_text
from backend.audit.log import AuditLog, StoredCheckpoint, StoredEventRow
from backend.audit.verifier import BUNDLE_FORMAT, Tree, manifest_note_body, vkey
from backend.exports.spreadsheet import Sheet, xlsx_workbook_bytes
from domain.evidence.bundles import export_version

NOT_AN_ORGANISATIONS = ("domain.tenancy.", "domain.labels.")
"""Streams whose events never enter a bundle, whatever they name: accounts hold credentials, and the labels' events
(a mission attested for a professional, a link to one, a label track) are the consultancy's admins' and the
professional's, never an organisation's evidence."""
VERIFY_MD = Path(__file__).with_name("VERIFY.md")

RegistersAsOf = Callable[[datetime], tuple[Sequence[Sheet], bytes]]
"""The organisation's registers at a moment: the sheets (for XLSX) and the PDF."""


@dataclass(frozen=True)
class BundleRequest:
    tenant_id: UUID
    organisation_id: UUID
    organisation_name: str
    stream_id: UUID
    """The organisation's stream of bundle exports (`domain/evidence`)."""
    number: int
    """The export's number: 1 for the organisation's first bundle."""
    window_from: date
    window_to: date


def build_bundle(audit: AuditLog, request: BundleRequest, registers: RegistersAsOf) -> bytes:
    export_position = _position(audit, request.tenant_id, request.stream_id, export_version(request.number))
    checkpoint = _covering(audit, request.tenant_id, export_position)
    tree = Tree(audit.leaf_hashes(request.tenant_id, checkpoint.tree_size))
    lines, proofs, listed = [], [], []
    for sequence, event in _organisation_events(audit, request, checkpoint.tree_size):
        line = canonical_event(event.originator_id, event.originator_version, event.topic, event.state)
        lines.append(line + b"\n")
        entry = {
            "sequence_number": sequence,
            "originator_id": str(event.originator_id),
            "originator_version": event.originator_version,
        }
        listed.append(entry)
        path = [base64.b64encode(h).decode() for h in tree.inclusion_proof(sequence)]
        proofs.append(json.dumps({**entry, "audit_path": path}) + "\n")
    as_of = min(datetime.combine(request.window_to, time.max, tzinfo=UTC), datetime.now(UTC)).replace(microsecond=0)
    sheets, pdf = registers(as_of)
    files = {
        "events.jsonl": b"".join(lines),
        "proofs.jsonl": "".join(proofs).encode(),
        "registers.xlsx": xlsx_workbook_bytes(sheets),
        "registers.pdf": pdf,
        "keys.json": _keys(audit),
        "verify.py": Path(verifier.__file__).read_bytes(),
        "VERIFY.md": VERIFY_MD.read_bytes(),
    }
    previous = _previous(audit, request, tree)
    manifest = {
        "format": BUNDLE_FORMAT,
        "tenant_id": str(request.tenant_id),
        "organisation_id": str(request.organisation_id),
        "organisation": request.organisation_name,
        "bundle_number": request.number,
        "window": {"from": request.window_from.isoformat(), "to": request.window_to.isoformat()},
        "registers_as_of": moment_text(as_of),
        "export_event": {"originator_id": str(request.stream_id), "originator_version": export_version(request.number)},
        "checkpoint": checkpoint.note,
        "previous_checkpoint": previous[0],
        "consistency_proof": previous[1],
        "events": listed,
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()},
    }
    manifest_bytes = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("manifest.json", manifest_bytes)
        zipped.writestr("manifest.sig", audit.signer.sign(manifest_note_body(manifest_bytes)))
        for name, data in files.items():
            zipped.writestr(name, data)
    return output.getvalue()


def _position(audit: AuditLog, tenant_id: UUID, originator_id: UUID, version: int) -> int:
    with audit.engine.connect() as conn:
        found = conn.execute(
            text(
                "SELECT leaf_index FROM audit_leaves WHERE tenant_id = :t AND originator_id = :o "
                "AND originator_version = :v"
            ),
            {"t": str(tenant_id), "o": str(originator_id), "v": version},
        ).scalar()
    if found is None:
        raise LookupError("No such bundle export in the log.")
    return int(found)


def _covering(audit: AuditLog, tenant_id: UUID, position: int) -> StoredCheckpoint:
    """The first checkpoint signed over the event at `position`; one is signed now if none is yet."""
    for checkpoint in audit.checkpoints(tenant_id):
        if checkpoint.tree_size > position:
            return checkpoint
    signed = audit.checkpoint(tenant_id)
    if signed is None or signed.tree_size <= position:
        raise LookupError("The log does not reach the bundle's export event.")
    return signed


def _previous(audit: AuditLog, request: BundleRequest, tree: Tree) -> tuple[str | None, list[str]]:
    """The previous bundle's checkpoint, and the proof that this bundle's log extends it."""
    if request.number == 1:
        return None, []
    earlier = _covering(
        audit, request.tenant_id, _position(audit, request.tenant_id, request.stream_id, request.number - 1)
    )
    if earlier.tree_size == tree.size:
        return earlier.note, []
    return earlier.note, [base64.b64encode(h).decode() for h in tree.consistency_proof(earlier.tree_size)]


def _organisation_events(audit: AuditLog, request: BundleRequest, size: int) -> Iterator[tuple[int, StoredEventRow]]:
    start = moment_text(datetime.combine(request.window_from, time.min, tzinfo=UTC))
    end = moment_text(datetime.combine(request.window_to, time.max, tzinfo=UTC))
    organisation = str(request.organisation_id)
    owned: set[UUID] = set()
    for sequence, event in audit.tenant_events(request.tenant_id):
        if sequence >= size:
            return
        if event.topic.startswith(NOT_AN_ORGANISATIONS):
            continue
        state = json.loads(event.state)
        first = event.originator_version == 1 and _names(state, organisation)
        if first or str(event.originator_id) == organisation:
            owned.add(event.originator_id)
        if event.originator_id in owned or _names(state, organisation):
            recorded = _recorded(state)
            is_export = (event.originator_id, event.originator_version) == (
                request.stream_id,
                export_version(request.number),
            )
            if start <= recorded <= end or is_export:
                yield sequence, event


def _names(state: dict[str, Any], organisation: str) -> bool:
    value = state.get("organisation_id")
    data = value.get("_data_") if isinstance(value, dict) else None
    return isinstance(data, str) and str(UUID(data)) == organisation


def _recorded(state: dict[str, Any]) -> str:
    stamp = state.get("timestamp")
    return moment_text(datetime.fromisoformat(stamp["_data_"])) if isinstance(stamp, dict) else ""


def _keys(audit: AuditLog) -> bytes:
    keys = [
        {"name": k.name, "keyId": k.key_id, "verifierKey": vkey(k.name, k.public_key), "firstUsedAt": k.first_used_at}
        for k in audit.published_keys()
    ]
    return json.dumps(keys, indent=2).encode()
