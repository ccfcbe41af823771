"""An organisation's competence and awareness (ISO/IEC 27001 7.2, 7.3): its people's record, the trainings and the
awareness campaigns with their forms, and a training's and a campaign's page with their history."""

from pathlib import Path

from frontend.competence.pages import CompetencePages
from frontend.site.feature import PageFeature

FEATURE = PageFeature("competence", Path(__file__).parent, (CompetencePages,), nav=("/competence", "Competence"))
