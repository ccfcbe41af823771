"""The pages of access: an admin grants and revokes on an account's page, an ISMS manager on their own people's,
and invites their own staff; everyone reads their own access; the admins read what auditors opened."""

from __future__ import annotations

import re

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.page_support import MEMBER, ClientFor, csrf, field
from tests.api.tenancy.test_admin_pages import account_link, said

COLLEAGUE = "Jonas Muller"


def test_an_admin_grants_and_revokes_a_role_on_the_account_s_page(
    client_for: ClientFor, demo_services: Services
) -> None:
    admin = client_for(ALPINE_ADMIN)
    page = admin.http.get(account_link(admin.http.get("/accounts").text, COLLEAGUE))
    path = page.url.path
    assert page.status_code == 200 and 'data-grant="isms_manager"' in page.text
    before = events_in_log(demo_services)
    backwards = {"grant-role": "CONTRIBUTOR", "grant-validFrom": "2027-03-01", "grant-validUntil": "2027-02-01"}
    refused = admin.http.post(f"{path}/grants", data={"csrf_token": csrf(page.text), **backwards})
    assert refused.status_code == 422 and "ends on or after" in field(refused.text, "grant-validUntil")
    assert events_in_log(demo_services) == before
    granted = admin.http.post(f"{path}/grants", data={"csrf_token": csrf(page.text), "grant-role": "CONTRIBUTOR"})
    assert said(granted.text).startswith("The role is granted") and 'data-grant="contributor"' in granted.text
    grant_id = re.search(rf'action="{path}/grants/([0-9a-f-]+)/revoke"', granted.text)
    assert grant_id is not None
    form = {"csrf_token": csrf(granted.text), f"revoke-{grant_id.group(1)}-reason": "Reorganised"}
    revoked = admin.http.post(f"{path}/grants/{grant_id.group(1)}/revoke", data=form)
    assert said(revoked.text).startswith("The grant is revoked") and "Revoked: Reorganised" in revoked.text


def test_an_isms_manager_invites_and_grants_their_own_people(client_for: ClientFor) -> None:
    manager = client_for(MEMBER)
    assert "Our people" in manager.http.get("/account").text
    people = manager.http.get("/people")
    assert people.status_code == 200 and COLLEAGUE in people.text and "Claire Coach" not in people.text
    typed = {"invite-displayName": "Eva Muller", "invite-email": "eva@muller.example", "invite-role": "VIEWER"}
    invited = manager.http.post("/people", data={"csrf_token": csrf(people.text), **typed})
    assert said(invited.text).startswith("Eva Muller is invited.") and "Eva Muller" in invited.text
    person = re.search(r'<a href="(/people/[0-9a-f-]+)">Jonas Muller</a>', invited.text)
    assert person is not None
    page = manager.http.get(person.group(1))
    assert page.status_code == 200 and 'value="AUDITOR"' not in page.text  # the admin grants auditors
    granted = manager.http.post(
        f"{person.group(1)}/grants", data={"csrf_token": csrf(page.text), "grant-role": "CONTRIBUTOR"}
    )
    assert 'data-grant="contributor"' in granted.text
    for outsider in (ALPINE_COACH,):
        assert client_for(outsider).http.get("/people").status_code == 404
        assert client_for(outsider).http.get(person.group(1)).status_code == 404


def test_everyone_reads_their_own_access_and_the_admins_what_auditors_read(client_for: ClientFor) -> None:
    access = client_for(ALPINE_COACH).http.get("/access")
    assert access.status_code == 200 and 'data-grant="coach"' in access.text and "Open-ended" in access.text
    admin = client_for(ALPINE_ADMIN)
    assert admin.http.get("/auditor-reads").status_code == 200
    assert client_for(MEMBER).http.get("/auditor-reads").status_code == 404
