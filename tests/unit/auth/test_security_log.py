"""A security line: OWASP's vocabulary, one JSON object, and never a secret."""

from __future__ import annotations

import json
import logging

import pytest

from backend.auth.security_log import SecurityEvent, security_event, security_line


def test_a_line_names_the_event_with_its_arguments_and_the_vocabulary_s_fields() -> None:
    line = security_line(
        SecurityEvent.AUTHZ_FAIL,
        "acc-1",
        "inviteAccount",
        description="You may not invite.",
        request_id="r-1",
        tenant="t-1",
        address=None,
    )
    assert line["event"] == "authz_fail:acc-1,inviteAccount"
    assert (line["appid"], line["level"], line["description"], line["request_id"]) == (
        "cordee",
        "WARN",
        "You may not invite.",
        "r-1",
    )
    assert line["tenant"] == "t-1" and "address" not in line, "a missing context is left out, not written as None"
    assert security_line(SecurityEvent.SESSION_CREATED, description="Opened.")["level"] == "INFO"


@pytest.mark.parametrize("field", ["password", "token", "recovery_code", "client_secret", "api_key", "Authorization"])
def test_a_field_that_could_hold_a_secret_is_refused(field: str) -> None:
    with pytest.raises(ValueError, match=field):
        security_line(SecurityEvent.AUTHN_LOGIN_FAIL, description="Failed.", **{field: "hunter2"})


def test_the_logged_record_is_the_json_line(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="cordee.security"):
        security_event(SecurityEvent.USER_CREATED, "acc-2", description="Account opened.", tenant="t-1")
    (record,) = caplog.records
    assert json.loads(record.getMessage()) == record.security
    assert record.security["event"] == "user_created:acc-2" and record.levelname == "INFO"
