"""What the input-limits test needs of single sign-on: the scenario's consultancy signing in through a provider that
admits example.org, before an argument is tried (so that the tries write nothing else)."""

from __future__ import annotations

from collections.abc import Callable

from domain.shared.aggregate import SYSTEM_ACTOR
from domain.tenancy.commands import ConfigureSingleSignOn, LinkSingleSignOn, OpenSingleSignOnAccount
from tests.unit.programme_scenario import Scenario

TextCall = Callable[[Scenario, str], object]
ISSUER = "https://idp.example.org"
FINGERPRINT = "0123456789abcdef"


def configure(s: Scenario, **changes: object) -> object:
    given: dict[str, object] = {
        "issuer": ISSUER,
        "client_identifier": "cordee",
        "allowed_domains": ("example.org",),
        "enabled": True,
        "secret_fingerprint": FINGERPRINT,
        **changes,
    }
    return s.app.handle(ConfigureSingleSignOn(s.tenant, SYSTEM_ACTOR, **given))  # type: ignore[arg-type]


def _no_links(s: Scenario) -> None:
    """Nobody is linked to a provider's subject yet (the read model the application asks, in these tests none)."""
    s.app.subject_links = lambda issuer, subject: None


def _open(s: Scenario, email: str = "ana@example.org", name: str = "Ana", **changes: str) -> object:
    given = {"issuer": ISSUER, "subject": "ana-at-idp", **changes}
    _no_links(s)
    return s.app.handle(OpenSingleSignOnAccount(s.tenant, given["issuer"], given["subject"], email, name))


def _link(s: Scenario, **changes: str) -> object:
    given = {"issuer": ISSUER, "subject": "claire-at-idp", "email": "coach@alpine.example", **changes}
    _no_links(s)
    return s.app.handle(
        LinkSingleSignOn(s.tenant, s.coach, given["issuer"], given["subject"], given["email"], email_verified=True)
    )


SSO_TEXT_CALLS: dict[tuple[str, str], TextCall] = {
    ("OpenSingleSignOnAccount", "email"): lambda s, t: _open(s, email=t),
    ("OpenSingleSignOnAccount", "display_name"): lambda s, t: _open(s, name=t),
}
SSO_CHOICE_CALLS: dict[tuple[str, str], TextCall] = {
    ("ConfigureSingleSignOn", "issuer"): lambda s, t: configure(s, issuer=t),
    ("ConfigureSingleSignOn", "client_identifier"): lambda s, t: configure(s, client_identifier=t),
    ("ConfigureSingleSignOn", "allowed_domains[]"): lambda s, t: configure(s, allowed_domains=(t,)),
    ("ConfigureSingleSignOn", "secret_fingerprint"): lambda s, t: configure(s, secret_fingerprint=t),
    ("OpenSingleSignOnAccount", "issuer"): lambda s, t: _open(s, issuer=t),
    ("OpenSingleSignOnAccount", "subject"): lambda s, t: _open(s, subject=t),
    ("LinkSingleSignOn", "issuer"): lambda s, t: _link(s, issuer=t),
    ("LinkSingleSignOn", "subject"): lambda s, t: _link(s, subject=t),
    ("LinkSingleSignOn", "email"): lambda s, t: _link(s, email=t),
}
SSO_CHOICES_REFUSED_AS = {("ConfigureSingleSignOn", "allowed_domains[]"): "allowed_domains"}
SSO_PREPARED: dict[tuple[str, str], Callable[[Scenario], None]] = {
    key: lambda s: configure(s) and None
    for key in [*SSO_TEXT_CALLS, *SSO_CHOICE_CALLS]
    if key[0] != "ConfigureSingleSignOn"
}
