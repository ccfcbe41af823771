"""The comparison page: a member's own figures beside the median and range, with no member named; the ISMS
manager's consent form; and, below k contributors, why there is no comparison."""

from __future__ import annotations

import re

from tests.api.comparison.support import ALPINE_NAMES, LENA
from tests.api.page_support import ClientFor, csrf, demo_cluster


def main(page: str) -> str:
    """The page's main content (the menu names the viewer's own organisation, never another)."""
    found = re.search(r"<main.*?</main>", page, re.S)
    assert found is not None
    return found.group(0)


def test_a_member_sees_the_comparison_naming_no_member_and_withdraws_its_consent(client_for: ClientFor) -> None:
    lena = client_for(LENA)
    cluster_id, _ = demo_cluster(lena)
    here = f"/clusters/{cluster_id}/comparison"
    page = lena.http.get(here)
    assert page.status_code == 200
    content = main(page.text)
    assert "Cluster median" in content and "Yours" in content and 'id="comparison-figures"' in content
    assert not any(name in content for name in ALPINE_NAMES)
    assert "Stop contributing" in content
    left = lena.http.post(
        f"{here}/withdraw",
        data={
            "csrf_token": csrf(page.text),
            "withdraw-organisationId": re.findall(r'value="([0-9a-f-]{36})"', content)[0],
        },
    )
    assert left.status_code == 200
    content = main(left.text)
    assert "No comparison is shown" in content and "2 of this cluster's member organisations" in content
    assert "Contribute our figures" in content
    assert not any(name in content for name in ALPINE_NAMES)


def test_a_contributor_reads_the_comparison_without_the_consent_form(client_for: ClientFor) -> None:
    lea = client_for("lea@muller.example")
    cluster_id, _ = demo_cluster(lea)
    content = main(lea.http.get(f"/clusters/{cluster_id}/comparison").text)
    assert "Cluster median" in content and "Stop contributing" not in content


def test_the_admin_sets_k_beside_the_baseline_and_a_k_below_three_is_refused(client_for: ClientFor) -> None:
    admin = client_for("admin@alpine.example")
    page = admin.http.get("/settings").text
    assert 'id="comparison-k"' in page and 'value="3"' in page
    refused = admin.http.post("/settings/comparison", data={"csrf_token": csrf(page), "comparison-k": "2"})
    assert refused.status_code == 422 and "Give a number of organisations from 3 to 20" in refused.text
    saved = admin.http.post("/settings/comparison", data={"csrf_token": csrf(page), "comparison-k": "4"})
    assert saved.status_code == 200 and "once 4 member organisations contribute" in saved.text
    assert admin.data("{ comparisonThreshold }") == {"comparisonThreshold": 4}
