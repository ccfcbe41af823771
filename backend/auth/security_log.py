"""Security events as one JSON line each, named with OWASP's logging vocabulary.

Every way in (password, second factor, recovery code, reset link, single sign-on, API token) and every refusal of
the policy logs here, so that an operator's log search finds them under one name whatever produced them. The event
is written as `name:argument[,argument]` as the vocabulary shows it (`authn_login_fail:3f2a…`); the arguments are
ids or hashes, never an e-mail address in clear, a password, a code, a token or a secret.

Names used (https://cheatsheetseries.owasp.org/cheatsheets/Logging_Vocabulary_Cheat_Sheet.html):
`authn_login_success`, `authn_login_successafterfail`, `authn_login_fail`, `authn_login_fail_max`, `authn_login_lock`,
`authn_password_change`, `authn_password_change_fail`, `authn_token_created`, `authn_token_revoked`,
`authn_token_reuse`, `authn_token_delete`, `authz_fail`, `authz_change`, `authz_admin`, `session_created`,
`session_renewed`, `session_expired`, `session_use_after_expire`, `user_created`, `user_updated`, `user_archived`,
`privilege_permissions_changed`, `sensitive_read`, `input_validation_fail`.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

APP_ID = "cordee"
LOGGER_NAME = "cordee.security"
log = logging.getLogger(LOGGER_NAME)


class SecurityEvent(StrEnum):
    AUTHN_LOGIN_SUCCESS = "authn_login_success"
    AUTHN_LOGIN_SUCCESS_AFTER_FAIL = "authn_login_successafterfail"
    AUTHN_LOGIN_FAIL = "authn_login_fail"
    AUTHN_LOGIN_FAIL_MAX = "authn_login_fail_max"
    AUTHN_LOGIN_LOCK = "authn_login_lock"
    AUTHN_PASSWORD_CHANGE = "authn_password_change"  # noqa: S105 (an event's name)
    AUTHN_PASSWORD_CHANGE_FAIL = "authn_password_change_fail"  # noqa: S105 (an event's name)
    AUTHN_TOKEN_CREATED = "authn_token_created"  # noqa: S105 (an event's name)
    AUTHN_TOKEN_REVOKED = "authn_token_revoked"  # noqa: S105 (an event's name)
    AUTHN_TOKEN_REUSE = "authn_token_reuse"  # noqa: S105 (an event's name)
    AUTHN_TOKEN_DELETE = "authn_token_delete"  # noqa: S105 (an event's name)
    AUTHZ_FAIL = "authz_fail"
    AUTHZ_CHANGE = "authz_change"
    AUTHZ_ADMIN = "authz_admin"
    SESSION_CREATED = "session_created"
    SESSION_RENEWED = "session_renewed"
    SESSION_EXPIRED = "session_expired"
    SESSION_USE_AFTER_EXPIRE = "session_use_after_expire"
    USER_CREATED = "user_created"
    USER_UPDATED = "user_updated"
    USER_ARCHIVED = "user_archived"
    PRIVILEGE_PERMISSIONS_CHANGED = "privilege_permissions_changed"
    SENSITIVE_READ = "sensitive_read"
    INPUT_VALIDATION_FAIL = "input_validation_fail"


_WARNINGS = {
    SecurityEvent.AUTHN_LOGIN_FAIL,
    SecurityEvent.AUTHN_LOGIN_FAIL_MAX,
    SecurityEvent.AUTHN_LOGIN_LOCK,
    SecurityEvent.AUTHN_PASSWORD_CHANGE_FAIL,
    SecurityEvent.AUTHN_TOKEN_REUSE,
    SecurityEvent.AUTHZ_FAIL,
    SecurityEvent.SESSION_USE_AFTER_EXPIRE,
    SecurityEvent.INPUT_VALIDATION_FAIL,
}
_SECRET_KEYS = ("password", "secret", "token", "code", "key", "cookie", "authorization")
"""Field names refused in a security line: a secret never reaches a log, even by mistake."""


def security_line(
    event: SecurityEvent, *arguments: object, description: str, request_id: str | None = None, **fields: Any
) -> dict[str, Any]:
    """The line as a dict: the vocabulary's fields (`datetime`, `appid`, `event`, `level`, `description`), then the
    request id and the context given (tenant, account, address, ...)."""
    refused = [name for name in fields if any(word in name.lower() for word in _SECRET_KEYS)]
    if refused:
        raise ValueError(f"A security line carries no secret: {', '.join(refused)}")
    name = event.value + (":" + ",".join(str(argument) for argument in arguments) if arguments else "")
    line: dict[str, Any] = {
        "datetime": datetime.now(UTC).isoformat(timespec="milliseconds"),
        "appid": APP_ID,
        "event": name,
        "level": "WARN" if event in _WARNINGS else "INFO",
        "description": description,
    }
    if request_id is not None:
        line["request_id"] = request_id
    line.update({key: str(value) for key, value in fields.items() if value is not None})
    return line


def security_event(
    event: SecurityEvent, *arguments: object, description: str, request_id: str | None = None, **fields: Any
) -> None:
    """Logs one security event as a JSON line on the `cordee.security` logger; the record also carries the line as
    `record.security` for handlers that ship structured logs."""
    line = security_line(event, *arguments, description=description, request_id=request_id, **fields)
    level = logging.WARNING if line["level"] == "WARN" else logging.INFO
    log.log(level, json.dumps(line, sort_keys=False), extra={"security": line})
