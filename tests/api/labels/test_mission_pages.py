"""The Missions page of a consultancy's admin and the professional's portfolio page and PDF, through the served app:
the admin gathers, confirms and attests a mission, corrects and withdraws it; the professional sees it in their
portfolio and downloads it as a PDF, read back here; nobody else reaches either page or the PDF."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date

from pypdf import PdfReader

from backend.services import Services
from tests.api.conftest import ALPINE_ADMIN, ALPINE_COACH, events_in_log
from tests.api.labels.test_mission_attestations import ATTEST, SOPHIE, alpine_mission, answer, log_coaching
from tests.api.page_support import csrf
from tests.support.graphql_client import GraphQLClient

REGISTRAR, MEMBER = "registrar@label-board.example", "member@muller.example"


def pdf_text(body: bytes) -> tuple[str, dict[str, str]]:
    reader = PdfReader(io.BytesIO(body))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    return text, {key: str(value) for key, value in (reader.metadata or {}).items()}


def test_an_admin_attests_on_the_page_and_the_professional_reads_and_downloads_it(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    admin = client_for(ALPINE_ADMIN)
    mission = alpine_mission(admin)
    page = admin.http.get("/professionals/missions").text
    assert "Sophie Martin (coach account Claire Coach)" in page
    assert "Luxembourg SMEs 2026: Kirchberg Dental" in page and "Food retail" in page  # and the demo's mission
    member = f"{mission['cluster']}:{mission['organisation']}"
    page = admin.http.get("/professionals/missions", params={"link": mission["link"], "member": member}).text
    for shown in ("Healthcare", "Micro (under 10 people)", "2025-11-10", "under way", "Attest this mission"):
        assert shown in page, shown
    found = re.search(r'name="attest-factsDigest" value="([0-9a-f]+)"', page)
    assert found is not None
    shown_digest = found.group(1)
    assert shown_digest == mission["digest"]  # the page confirms the facts it shows
    posted = admin.http.post(
        "/professionals/missions",
        data={
            "csrf_token": csrf(page),
            "attest-linkId": mission["link"],
            "attest-member": member,
            "attest-factsDigest": shown_digest,
        },
        follow_redirects=False,
    )
    assert posted.status_code == 303, posted.text
    page = admin.http.get("/professionals/missions").text
    assert "Attested. The mission is in the professional&#39;s portfolio." in page
    assert "In the professional's portfolio." in page and "Withdraw" in page

    sophie = client_for(SOPHIE)
    assert 'href="/professional/portfolio"' in sophie.http.get("/professional").text
    page = sophie.http.get("/professional/portfolio").text
    for shown in ("2 missions for 1", "Alpine Security Coaching: Luxembourg SMEs 2026", "Healthcare", "Under way"):
        assert shown in page, shown
    download = sophie.http.get("/professional/portfolio.pdf")
    assert download.status_code == 200 and download.headers["content-type"] == "application/pdf"
    assert "attachment" in download.headers["content-disposition"]
    text, metadata = pdf_text(download.content)
    assert metadata["/Title"] == "Coached missions of Sophie Martin"
    for shown in ("Alpine Security Coaching", "Luxembourg SMEs 2026", "Healthcare", "micro (under 10)", "2025-11-10"):
        assert shown in text, shown
    assert "2 missions for 1 consultancy." in text and "4 days of coaching, 8 days of training." in text


def test_a_refused_reason_is_shown_beside_its_field_and_a_withdrawal_empties_the_portfolio(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    admin = client_for(ALPINE_ADMIN)
    mission = alpine_mission(admin)
    attested = answer(admin, ATTEST, mission)["missionId"]
    token = csrf(admin.http.get("/professionals/missions").text)
    before = events_in_log(demo_services)
    refused = admin.http.post(
        f"/professionals/missions/{attested}/withdraw",
        data={"csrf_token": token, f"withdraw-{attested}-reason": "No\u0007bell"},
    )
    assert refused.status_code == 422 and "has-error" in refused.text
    assert events_in_log(demo_services) == before
    done = admin.http.post(
        f"/professionals/missions/{attested}/withdraw",
        data={"csrf_token": token, f"withdraw-{attested}-reason": "Attested for the wrong member."},
        follow_redirects=False,
    )
    assert done.status_code == 303
    page = admin.http.get("/professionals/missions").text
    assert "Withdrawn: in no portfolio." in page and "Attested for the wrong member." in page
    sophie = client_for(SOPHIE)
    page, pdf = sophie.http.get("/professional/portfolio").text, sophie.http.get("/professional/portfolio.pdf").content
    for shown in (page, pdf_text(pdf)[0]):
        assert "Healthcare" not in shown and "Food retail" in shown  # the demo's mission stays, the withdrawn leaves


def test_nobody_else_reaches_the_missions_page_the_portfolio_or_its_pdf(
    client_for: Callable[[str], GraphQLClient], anonymous: GraphQLClient
) -> None:
    for email in (ALPINE_COACH, MEMBER, SOPHIE, REGISTRAR):
        assert client_for(email).http.get("/professionals/missions").status_code in (403, 404), email
    for email in (ALPINE_ADMIN, ALPINE_COACH, MEMBER, REGISTRAR):
        client = client_for(email)
        assert client.http.get("/professional/portfolio").status_code in (403, 404), email
        assert client.http.get("/professional/portfolio.pdf").status_code == 404, email
    assert anonymous.http.get("/professional/portfolio.pdf").status_code == 401


def test_a_correction_shows_the_facts_gathered_again_before_the_admin_confirms_them(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    admin = client_for(ALPINE_ADMIN)
    mission = alpine_mission(admin)
    attested = answer(admin, ATTEST, mission)["missionId"]
    log_coaching(demo_services, mission, date(2026, 2, 27))
    page = admin.http.get("/professionals/missions").text
    assert f'href="/professionals/missions?correct={attested}#correcting"' in page
    page = admin.http.get("/professionals/missions", params={"correct": attested}).text
    assert "Confirm and correct" in page  # the half-day logged late, shown before confirming
    assert "<dt>Coaching days</dt><dd>2.5</dd>" in page
    found = re.search(rf'name="correct-{attested}-factsDigest" value="([0-9a-f]+)"', page)
    assert found is not None
    posted = {"csrf_token": csrf(page), f"correct-{attested}-reason": "A half-day logged late."}
    posted[f"correct-{attested}-factsDigest"] = found.group(1)
    log_coaching(demo_services, mission, date(2026, 2, 28))  # the records move after the admin was shown them
    before = events_in_log(demo_services)
    moved = admin.http.post(f"/professionals/missions/{attested}/correct", data=posted)
    assert moved.status_code == 422 and "Nothing was saved" in moved.text, moved.status_code
    assert "gather them again" in moved.text and "Confirm and correct" in moved.text
    assert "<dt>Coaching days</dt><dd>3</dd>" in moved.text  # gathered again, as the records say now
    assert events_in_log(demo_services) == before
    found = re.search(rf'name="correct-{attested}-factsDigest" value="([0-9a-f]+)"', moved.text)
    assert found is not None
    posted[f"correct-{attested}-factsDigest"] = found.group(1)
    done = admin.http.post(f"/professionals/missions/{attested}/correct", data=posted, follow_redirects=False)
    assert done.status_code == 303
    page = admin.http.get("/professionals/missions").text
    assert "Corrected with the facts the records give now." in page and "corrected 1 time" in page


def test_a_refused_attestation_keeps_the_admin_s_choices_and_shows_why_beside_the_form(
    demo_services: Services, client_for: Callable[[str], GraphQLClient]
) -> None:
    """Without JavaScript: the records moved between the showing and the attesting."""
    admin = client_for(ALPINE_ADMIN)
    mission = alpine_mission(admin)
    member = f"{mission['cluster']}:{mission['organisation']}"
    page = admin.http.get("/professionals/missions", params={"link": mission["link"], "member": member}).text
    log_coaching(demo_services, mission, date(2026, 2, 27))
    before = events_in_log(demo_services)
    posted = {"csrf_token": csrf(page), "attest-linkId": mission["link"], "attest-member": member}
    refused = admin.http.post("/professionals/missions", data={**posted, "attest-factsDigest": mission["digest"]})
    assert refused.status_code == 422
    assert events_in_log(demo_services) == before
    form = refused.text[refused.text.index('id="attest-form"') :]
    assert "Nothing was saved" in form and "gather them again" in form  # beside the attest form
    assert f'<option value="{member}" selected>' in refused.text  # the admin's choices kept
    assert "<dt>Coaching days</dt><dd>2.5</dd>" in refused.text  # gathered again, as the records say now
    found = re.search(r'name="attest-factsDigest" value="([0-9a-f]+)"', refused.text)
    assert found is not None and found.group(1) != mission["digest"]
    done = admin.http.post(
        "/professionals/missions", data={**posted, "attest-factsDigest": found.group(1)}, follow_redirects=False
    )
    assert done.status_code == 303
