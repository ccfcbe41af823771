"""An organisation's audit evidence: what an auditor's bundle is, the form to export one, the bundles exported
with their downloads, and where the keys that sign them are published."""

from pathlib import Path

from frontend.evidence.pages import EvidencePages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("evidence", Path(__file__).parent, (EvidencePages,))
"""Reached from the organisation's ISMS page, beside its readiness: no link of its own in the navigation."""
