"""An organisation's context and scope (ISO/IEC 27001 clauses 4-5): issues, interested parties with their kind's
questions, the ISMS scope, roles and management's commitment."""

from pathlib import Path

from frontend.context.pages import ContextPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("context", Path(__file__).parent, (ContextPages,), nav=("/context", "Context and scope"))
