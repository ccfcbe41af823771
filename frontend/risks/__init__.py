"""An organisation's risk register: the list with its filters and heat map, a risk's page with its history and
forms (assess, treat, management's decision, acceptance), the treatment plan and the security objectives."""

from pathlib import Path

from frontend.risks.method import MethodPages
from frontend.risks.pages import RiskPages
from frontend.risks.plan import PlanPages
from frontend.site.feature import PageFeature

FEATURE = PageFeature(
    "risks",
    Path(__file__).parent,
    (RiskPages, PlanPages, MethodPages),
    nav=("/risks", "Risks"),
    admin_nav=(("/risk-method", "Risk method"),),
)
