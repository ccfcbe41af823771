"""An organisation's documents: the list, a document with its versions, and a form for each step of a version."""

from pathlib import Path

from frontend.documents.document_page import DocumentPage
from frontend.documents.pages import DOCUMENT_KINDS, DOCUMENT_STATUSES, DocumentListPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature(
    "documents",
    Path(__file__).parent,
    (DocumentListPages, DocumentPage),
    nav=("/documents", "Documents"),
    template_globals={"document_kinds": DOCUMENT_KINDS, "document_statuses": DOCUMENT_STATUSES},
)
