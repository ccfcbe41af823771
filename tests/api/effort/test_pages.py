"""The effort page: the table, the chart's data and the single-organisation baseline."""

from __future__ import annotations

import re

from tests.api.conftest import ALPINE_COACH
from tests.api.page_support import ClientFor, demo_cluster


def test_the_effort_page_shows_the_table_the_chart_data_and_the_baseline(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    html = coach.http.get(f"/clusters/{cluster_id}/effort").text
    table = re.search(r'<table class="effort">.*?</table>', html, re.S)
    assert table is not None
    assert re.search(r"Single-organisation baseline</th><td colspan=\"3\"></td><td>45</td>", table.group(0))
    assert table.group(0).count('<th scope="row">') == 5  # three members, days per organisation, the baseline
    assert re.search(r'<th scope="row">Moselle Logistics</th>(<td>[\d.]+</td>){4}', table.group(0))
    assert '<canvas id="effort-chart" role="img" aria-label="' in html
    assert '<script type="application/json" id="effort-data">{"baseline": 45.0' in html
    assert '<script src="/static/vendor/chart.js/chart.umd.min.js" defer></script>' in html
    assert coach.http.get("/static/effort-chart.js").status_code == 200


def test_the_effort_page_links_its_downloads(client_for: ClientFor) -> None:
    coach = client_for(ALPINE_COACH)
    cluster_id, _ = demo_cluster(coach)
    html = coach.http.get(f"/clusters/{cluster_id}/effort").text
    for extension in ("csv", "xlsx", "pdf"):
        link = f"/clusters/{cluster_id}/effort.{extension}"
        assert f'href="{link}" download' in html
        assert coach.http.get(link).status_code == 200
