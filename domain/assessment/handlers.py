"""Assessment's command handler: the first gap analysis of a member, or a reassessment. The cluster is asked
through a port."""

from __future__ import annotations

from typing import Protocol

from domain.assessment.commands import AssessGap
from domain.assessment.gap_analysis import GapAnalysis, gap_analysis_id
from domain.shared.ports import Handler, MemberAssessment, Store
from domain.shared.service import Saved


class AssessmentPorts(Store, MemberAssessment, Protocol):
    """An assessment needs the member to be assessable and the coaching ceiling it estimates against."""


def assess_gap(app: AssessmentPorts, cmd: AssessGap) -> Saved:
    analysis = assessed(app, cmd)
    if analysis.assessments == 1:
        return app.save_new(analysis, "organisation_id", "The first assessment was recorded at the same moment.")
    return app.save_changes(analysis)


def assessed(app: AssessmentPorts, cmd: AssessGap) -> GapAnalysis:
    """The member's gap analysis with this assessment, first or later, not yet saved (every rule checked)."""
    ceiling = app.assessable_member_ceiling(cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
    identifier = gap_analysis_id(cmd.tenant_id, cmd.cluster_id, cmd.organisation_id)
    levels = (cmd.visited_on, cmd.analysed_on, cmd.clause_levels, cmd.theme_levels, ceiling)
    if not app.exists(GapAnalysis, cmd.tenant_id, identifier):
        return GapAnalysis.assess_first(cmd.tenant_id, cmd.actor_id, cmd.cluster_id, cmd.organisation_id, *levels)
    analysis = app.get(GapAnalysis, cmd.tenant_id, identifier)
    analysis.reassess(cmd.actor_id, *levels)
    return analysis


HANDLERS: dict[type, Handler] = {AssessGap: assess_gap}
