"""An organisation's incident register: the list with its filters, an incident's page with its timeline, breaches
and forms (acknowledge, escalate, restore, close with the lessons), the service levels, the monthly service report
and the monitoring tokens."""

from pathlib import Path

from frontend.incidents.pages import IncidentPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("incidents", Path(__file__).parent, (IncidentPages,), nav=("/incidents", "Incidents"))
