"""An organisation's internal audits: the list with its programmes and planning forms, and an audit's page with its
findings, history, forms and report downloads."""

from pathlib import Path

from frontend.audits.pages import AuditPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("audits", Path(__file__).parent, (AuditPages,), nav=("/audits", "Audits"))
