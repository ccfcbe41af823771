"""The second factor: a TOTP secret (RFC 6238, pyotp) and ten single-use recovery codes per account.

Secrets live in their own table, outside the event store: the log is kept forever and copied into exports and
backups, and a secret in it could never be taken back. The table holds the secret encrypted (Fernet, with a key
derived from `CORDEE_SECRET_KEY`), and only keyed hashes of the recovery codes. The account's events say that a
second factor was enabled or disabled and when recovery codes were made, never what they are (docs/identity.md).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import pyotp
import segno
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    Uuid,
    delete,
    insert,
    select,
    update,
)

RECOVERY_CODES = 10
ISSUER = "Cordee"
CODE_DIGITS = 6
STEP_SECONDS = 30
QR_TITLE = "QR code of the link that adds Cordee to your authenticator app"

_metadata = MetaData()
second_factors = Table(
    "second_factors",
    _metadata,
    Column("account_id", Uuid, primary_key=True),
    Column("tenant_id", Uuid, nullable=False),
    Column("secret", String(400), nullable=False),
    Column("confirmed", Boolean, nullable=False),
    Column("last_step", Integer, nullable=False),
)
recovery_codes = Table(
    "recovery_codes",
    _metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("tenant_id", Uuid, nullable=False),
    Column("account_id", Uuid, nullable=False, index=True),
)

Seconds = Callable[[], float]


@dataclass(frozen=True)
class Enrolment:
    """What the person copies into their authenticator: the key, and the same as an otpauth:// link."""

    secret: str
    uri: str

    @property
    def grouped(self) -> str:
        """The key in groups of four, easier to type."""
        return " ".join(self.secret[i : i + 4] for i in range(0, len(self.secret), 4))

    @property
    def qr_svg(self) -> str:
        """The link as a QR code for the app's camera: an SVG element for the page itself (no image to fetch, so the
        content security policy stays as it is), dark modules on a light square with its quiet zone."""
        return qr_svg(self.uri)


def qr_svg(uri: str) -> str:
    """An inline SVG of the QR code of `uri` (error correction M), drawn by segno: no style attribute, no script."""
    return str(segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff", title=QR_TITLE))


def _derived(secret_key: str, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret_key.encode())


def normalise_code(code: str) -> str:
    """What the person typed, without the spaces and hyphens they may add; recovery codes compare in upper case."""
    return "".join(ch for ch in (code or "") if ch not in " -\t").upper()[:64]


class SecondFactors:
    def __init__(self, engine: Engine, secret_key: str, seconds: Seconds = time.time) -> None:
        self.engine = engine
        self._fernet = Fernet(base64.urlsafe_b64encode(_derived(secret_key, b"cordee second factor secret")))
        self._code_key = _derived(secret_key, b"cordee recovery code")
        self.seconds = seconds
        """Replaceable, so that tests move time to the next code."""

    def create_table(self) -> None:
        _metadata.create_all(self.engine)

    def enabled(self, account_id: UUID) -> bool:
        with self.engine.connect() as conn:
            confirmed = conn.execute(
                select(second_factors.c.confirmed).where(second_factors.c.account_id == account_id)
            ).scalar()
        return bool(confirmed)

    def begin(self, tenant_id: UUID, account_id: UUID, email: str) -> Enrolment:
        """A new secret, not yet in force: `confirm` with a code from it puts it in force. Refused (None) while a
        confirmed one is in force: disable that first."""
        secret = pyotp.random_base32()
        with self.engine.begin() as conn:
            conn.execute(
                delete(second_factors).where(
                    second_factors.c.account_id == account_id, second_factors.c.confirmed.is_(False)
                )
            )
            conn.execute(
                insert(second_factors).values(
                    account_id=account_id,
                    tenant_id=tenant_id,
                    secret=self._fernet.encrypt(secret.encode()).decode(),
                    confirmed=False,
                    last_step=0,
                )
            )
        return self._enrolment(secret, email)

    def enrolment(self, account_id: UUID, email: str) -> Enrolment | None:
        """The secret being enrolled, to show it again while it is not confirmed."""
        row = self._row(account_id)
        if row is None or row.confirmed:
            return None
        return self._enrolment(self._secret(row.secret), email)

    def _enrolment(self, secret: str, email: str) -> Enrolment:
        return Enrolment(secret, pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER))

    def confirm(self, account_id: UUID, code: str) -> list[str] | None:
        """Puts the enrolled secret in force if the code is from it; answers the new recovery codes, or None."""
        row = self._row(account_id)
        if row is None or row.confirmed or not self._use_code(account_id, row, code):
            return None
        with self.engine.begin() as conn:
            conn.execute(update(second_factors).where(second_factors.c.account_id == account_id).values(confirmed=True))
        return self.new_recovery_codes(account_id)

    def verify(self, account_id: UUID, code: str) -> str | None:
        """Whether the code opens the account's second factor: answers `totp` or `recovery_code` (that one is then
        used up), or None. A TOTP code counts once: the same code, or an older one, is refused after it."""
        row = self._row(account_id)
        if row is None or not row.confirmed:
            return None
        if self._use_code(account_id, row, code):
            return "totp"
        if self._use_recovery_code(account_id, code):
            return "recovery_code"
        return None

    def _use_code(self, account_id: UUID, row: Row[Any], code: str) -> bool:
        typed = normalise_code(code)
        if len(typed) != CODE_DIGITS or not typed.isdigit():
            return False
        totp = pyotp.TOTP(self._secret(row.secret))
        now_step = int(self.seconds() // STEP_SECONDS)
        for step in (now_step - 1, now_step, now_step + 1):  # one step either side: clocks drift
            if step > row.last_step and hmac.compare_digest(totp.at(step * STEP_SECONDS), typed):
                return self._claim_step(account_id, row.last_step, step)
        return False

    def _claim_step(self, account_id: UUID, seen: int, step: int) -> bool:
        """Records the code's time step as used, unless another request used it (or a later one) meanwhile."""
        table = second_factors
        with self.engine.begin() as conn:
            done = conn.execute(
                update(table).where(table.c.account_id == account_id, table.c.last_step == seen).values(last_step=step)
            )
        return bool(done.rowcount)

    def _use_recovery_code(self, account_id: UUID, code: str) -> bool:
        with self.engine.begin() as conn:
            done = conn.execute(
                delete(recovery_codes).where(
                    recovery_codes.c.account_id == account_id, recovery_codes.c.code_hash == self._code_hash(code)
                )
            )
        return bool(done.rowcount)

    def new_recovery_codes(self, account_id: UUID) -> list[str]:
        """Ten new codes, each good once; the earlier ones stop. Only their keyed hashes are kept."""
        codes = [_recovery_code() for _ in range(RECOVERY_CODES)]
        with self.engine.begin() as conn:
            tenant_id = conn.execute(
                select(second_factors.c.tenant_id).where(second_factors.c.account_id == account_id)
            ).scalar_one()  # the codes of a factor being enrolled or in use, kept under its consultancy's wall
            conn.execute(delete(recovery_codes).where(recovery_codes.c.account_id == account_id))
            conn.execute(
                insert(recovery_codes),
                [
                    {"code_hash": self._code_hash(code), "tenant_id": tenant_id, "account_id": account_id}
                    for code in codes
                ],
            )
        return codes

    def recovery_codes_left(self, account_id: UUID) -> int:
        with self.engine.connect() as conn:
            rows = conn.execute(select(recovery_codes.c.code_hash).where(recovery_codes.c.account_id == account_id))
            return len(rows.all())

    def remove(self, account_id: UUID) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(second_factors).where(second_factors.c.account_id == account_id))
            conn.execute(delete(recovery_codes).where(recovery_codes.c.account_id == account_id))

    def _row(self, account_id: UUID) -> Row[Any] | None:
        with self.engine.connect() as conn:
            return conn.execute(select(second_factors).where(second_factors.c.account_id == account_id)).first()

    def _secret(self, stored: str) -> str:
        try:
            return self._fernet.decrypt(stored.encode()).decode()
        except InvalidToken as error:  # the secret key changed: the person uses a recovery code, or an admin resets
            raise RuntimeError("A second-factor secret does not decrypt with CORDEE_SECRET_KEY.") from error

    def _code_hash(self, code: str) -> str:
        return hmac.new(self._code_key, normalise_code(code).encode(), hashlib.sha256).hexdigest()


_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""Letters and digits without the look-alikes (I, O, 0, 1)."""


def _recovery_code() -> str:
    """Twelve characters of 32 (60 bits), in three groups of four."""
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
