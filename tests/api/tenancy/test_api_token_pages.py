"""The API tokens page of one's account and the admins' Integrations page: a secret said once, revoking confirmed."""

from __future__ import annotations

import re

from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH
from tests.api.page_support import ClientFor, csrf


def test_a_person_makes_a_token_sees_it_once_and_revokes_it(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    assert 'href="/account/api-tokens"' in coach.http.get("/account").text
    page = coach.http.get("/account/api-tokens").text
    assert "You have no token yet." in page
    form = {"csrf_token": csrf(page), "token-name": "Reports", "token-read": "yes", "token-expiresOn": "2027-03-01"}
    unticked = {k: v for k, v in form.items() if k != "token-read"}
    refused = coach.http.post("/account/api-tokens", data=unticked)
    assert refused.status_code == 422 and "Tick at least one" in refused.text
    too_late = coach.http.post("/account/api-tokens", data={**form, "token-expiresOn": "2029-01-01"})
    assert too_late.status_code == 422 and "at most 366 days ahead" in too_late.text
    made = coach.http.post("/account/api-tokens", data=form)
    secret = re.search(r"Your token Reports: (cdp_[A-Za-z0-9_-]{43})", made.text)
    assert secret is not None and "Works until" in made.text
    assert secret.group(1) not in coach.http.get("/account/api-tokens").text
    token_id = re.search(r'name="revoke-tokenId" value="([^"]+)"', made.text)
    assert token_id is not None
    revoke = {"csrf_token": csrf(page), "revoke-tokenId": token_id.group(1)}
    assert "Tick the box" in coach.http.post("/account/api-tokens/revoke", data=revoke).text
    revoked = coach.http.post("/account/api-tokens/revoke", data={**revoke, "revoke-confirm": "yes"})
    assert "The token is revoked" in revoked.text and "Revoked on" in revoked.text


def test_an_admin_registers_an_integration_and_nobody_else_sees_the_page(client_for: ClientFor) -> None:
    admin = client_for(ALPINE_ADMIN)
    page = admin.http.get("/settings/integrations").text
    assert "Monitoring" in page  # the demo's
    muller = re.search(r'<option value="([^"]+)">Boulangerie Muller</option>', page)
    assert muller is not None
    form = {"csrf_token": csrf(page), "client-name": "Icinga", "client-organisationId": muller.group(1)}
    made = admin.http.post("/settings/integrations", data={**form, "client-write": "yes"})
    assert re.search(r"Client secret: cdc_[A-Za-z0-9_-]{43}", made.text) and "Icinga" in made.text
    assert client_for(ALPINE_COACH).http.get("/settings/integrations").status_code == 404
