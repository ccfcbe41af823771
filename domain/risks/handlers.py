"""The risk register's command handlers: load, call one aggregate method, save."""

from __future__ import annotations

import uuid
from typing import Protocol, TypeVar
from uuid import UUID

from domain.risks.commands import (
    AcceptRisk,
    AssessRisk,
    ChangeObjectiveStatus,
    ChangeTreatmentActionStatus,
    CloseRisk,
    CopyRiskScenario,
    DescribeRisk,
    HoldRiskReview,
    IdentifyRisk,
    PlanTreatmentAction,
    RecordManagementDecision,
    SetRiskMethod,
    SetSecurityObjective,
    TreatRisk,
)
from domain.risks.method import DEFAULT_METHOD, MethodGiven, RiskMethod, RiskMethods, methods_id
from domain.risks.plan import Planned, RiskReview, SecurityObjective, TreatmentAction
from domain.risks.risk import LibrarySource, Risk, Scenario, Treatment
from domain.shared.aggregate import TenantAggregate
from domain.shared.calendar import business_date
from domain.shared.errors import NotFound, ValidationFailed
from domain.shared.ports import (
    Handler,
    LibraryItems,
    OrganisationAccounts,
    OrganisationAssets,
    Organisations,
    Store,
)
from domain.shared.service import Saved

A = TypeVar("A", bound=TenantAggregate)
NO_RISK = "No risk with this id."
"""The same answer as for an id that does not exist: another organisation's risk is not in view."""


class RiskPorts(Store, Organisations, OrganisationAccounts, OrganisationAssets, LibraryItems, Protocol):
    """A risk's owner is an account of its organisation; its assets are of the organisation's inventory; the library
    scenario it names as its source is one of the consultancy's."""


SOURCE_KINDS = ("risk_scenario", "threat", "vulnerability")
"""The library items a risk may name as its source."""


def set_risk_method(app: Store, cmd: SetRiskMethod) -> Saved:
    given = MethodGiven(cmd.likelihood, cmd.impact, cmd.levels, cmd.matrix, cmd.acceptance)
    if not app.exists(RiskMethods, cmd.tenant_id, methods_id(cmd.tenant_id)):
        return app.save_changes(RiskMethods.set_first(cmd.tenant_id, cmd.actor_id, given))
    methods = app.get(RiskMethods, cmd.tenant_id, methods_id(cmd.tenant_id))
    methods.revise(cmd.actor_id, given)
    return app.save_changes(methods)


def identify_risk(app: RiskPorts, cmd: IdentifyRisk) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    scenario = Scenario.checked(cmd.title, cmd.threat, cmd.vulnerability)
    source = LibrarySource.checked(cmd.source_library_item, cmd.source_library_version)
    if source is not None:
        check_source(app, cmd.tenant_id, source)
    return _identified(app, cmd, scenario, source)


def copy_risk_scenario(app: RiskPorts, cmd: CopyRiskScenario) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    item = app.library_item(cmd.tenant_id, cmd.library_item_id, "library_item_id")
    if item.kind != "risk_scenario" or item.retired:
        raise ValidationFailed("library_item_id", "Copy a risk scenario of the library that is not retired.")
    scenario = Scenario.checked(item.title, item.fields["threat"], item.fields["vulnerability"])
    return _identified(app, cmd, scenario, LibrarySource(str(item.item_id), item.version))


def check_source(app: RiskPorts, tenant_id: UUID, source: LibrarySource) -> None:
    """The source named is a scenario, threat or vulnerability of the consultancy's library, in a version it had:
    a risk never claims a source that does not exist."""
    item = app.library_item(tenant_id, UUID(source.item), "source_library_item")
    if item.kind not in SOURCE_KINDS:
        raise ValidationFailed("source_library_item", "Name a risk scenario, a threat or a vulnerability.")
    if source.version > item.version:
        raise ValidationFailed("source_library_version", f"This item has versions 1 to {item.version}.")


def _identified(
    app: RiskPorts, cmd: IdentifyRisk | CopyRiskScenario, scenario: Scenario, source: LibrarySource | None
) -> Saved:
    app.check_member_account(cmd.tenant_id, cmd.organisation_id, cmd.owner_id, "owner_id")
    app.check_assets(cmd.tenant_id, cmd.organisation_id, cmd.asset_ids, "asset_ids")
    risk = Risk.identify(
        cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, scenario, cmd.owner_id, cmd.asset_ids, source
    )
    return app.save_changes(risk)


def describe_risk(app: RiskPorts, cmd: DescribeRisk) -> Saved:
    scenario = Scenario.checked(cmd.title, cmd.threat, cmd.vulnerability)
    risk = load_risk(app, cmd.tenant_id, cmd.organisation_id, cmd.risk_id)
    app.check_member_account(cmd.tenant_id, cmd.organisation_id, cmd.owner_id, "owner_id")
    app.check_assets(cmd.tenant_id, cmd.organisation_id, cmd.asset_ids, "asset_ids")
    risk.describe(cmd.actor_id, scenario, cmd.owner_id, cmd.asset_ids, cmd.reason)
    return app.save_changes(risk)


def assess_risk(app: Store, cmd: AssessRisk) -> Saved:
    risk = load_risk(app, cmd.tenant_id, cmd.organisation_id, cmd.risk_id)
    risk.assess(cmd.actor_id, current_method(app, cmd.tenant_id), cmd.likelihood, cmd.impact, cmd.reason)
    return app.save_changes(risk)


def treat_risk(app: Store, cmd: TreatRisk) -> Saved:
    risk = load_risk(app, cmd.tenant_id, cmd.organisation_id, cmd.risk_id)
    method = current_method(app, cmd.tenant_id)
    treatment = Treatment.checked(
        method, cmd.option, cmd.controls, cmd.own_controls, cmd.residual_likelihood, cmd.residual_impact
    )
    risk.treat(cmd.actor_id, treatment, method, cmd.reason)
    return app.save_changes(risk)


def record_management_decision(app: Store, cmd: RecordManagementDecision) -> Saved:
    risk = load_risk(app, cmd.tenant_id, cmd.organisation_id, cmd.risk_id)
    risk.decide_for_management(cmd.actor_id, treatment_method(app, risk), cmd.reason)
    return app.save_changes(risk)


def accept_risk(app: Store, cmd: AcceptRisk) -> Saved:
    business_date("until", cmd.until)
    risk = load_risk(app, cmd.tenant_id, cmd.organisation_id, cmd.risk_id)
    risk.accept(cmd.actor_id, treatment_method(app, risk), cmd.reason, cmd.until)
    return app.save_changes(risk)


def close_risk(app: Store, cmd: CloseRisk) -> Saved:
    risk = load_risk(app, cmd.tenant_id, cmd.organisation_id, cmd.risk_id)
    risk.close(cmd.actor_id, cmd.reason)
    return app.save_changes(risk)


def hold_risk_review(app: RiskPorts, cmd: HoldRiskReview) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    review = RiskReview.hold(cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, cmd.held_on, cmd.notes)
    return app.save_changes(review)


def plan_treatment_action(app: RiskPorts, cmd: PlanTreatmentAction) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    planned = Planned.checked(cmd.title, cmd.owner, cmd.due_on)
    for risk_id in cmd.risk_ids:
        load_risk(app, cmd.tenant_id, cmd.organisation_id, risk_id, "risk_ids")
    action = TreatmentAction.plan(
        cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, planned, cmd.risk_ids, cmd.controls
    )
    return app.save_changes(action)


def change_treatment_action_status(app: Store, cmd: ChangeTreatmentActionStatus) -> Saved:
    action = _own(app, TreatmentAction, cmd.tenant_id, cmd.organisation_id, cmd.action_id, "action_id")
    action.progress(cmd.actor_id, cmd.status, cmd.reason)
    return app.save_changes(action)


def set_security_objective(app: RiskPorts, cmd: SetSecurityObjective) -> Saved:
    app.check_organisation(cmd.tenant_id, cmd.organisation_id)
    planned = Planned.checked(cmd.title, cmd.owner, cmd.due_on)
    objective = SecurityObjective.set(
        cmd.tenant_id, cmd.actor_id, uuid.uuid4(), cmd.organisation_id, planned, cmd.measure
    )
    return app.save_changes(objective)


def change_objective_status(app: Store, cmd: ChangeObjectiveStatus) -> Saved:
    objective = _own(app, SecurityObjective, cmd.tenant_id, cmd.organisation_id, cmd.objective_id, "objective_id")
    objective.progress(cmd.actor_id, cmd.status, cmd.reason)
    return app.save_changes(objective)


def current_method(app: Store, tenant_id: UUID) -> RiskMethod:
    if not app.exists(RiskMethods, tenant_id, methods_id(tenant_id)):
        return DEFAULT_METHOD
    return app.get(RiskMethods, tenant_id, methods_id(tenant_id)).current


def treatment_method(app: Store, risk: Risk) -> RiskMethod:
    """The method version the risk's treatment used: its acceptance criteria decide who may accept."""
    if risk.treatment is None:
        raise ValidationFailed("risk_id", "Treat the risk first: its owner accepts what remains.")
    version = risk.treatment.method_version
    if version == DEFAULT_METHOD.version:
        return DEFAULT_METHOD
    return app.get(RiskMethods, risk.tenant_id, methods_id(risk.tenant_id)).versions[version]


def load_risk(app: Store, tenant_id: UUID, organisation_id: UUID, risk_id: UUID, field: str = "risk_id") -> Risk:
    """The organisation's risk; another organisation's is answered as a missing one."""
    return _own(app, Risk, tenant_id, organisation_id, risk_id, field, NO_RISK)


def _own(
    app: Store, kind: type[A], tenant_id: UUID, organisation_id: UUID, found: UUID, field: str, missing: str = ""
) -> A:
    aggregate = app.get(kind, tenant_id, found, field)
    if getattr(aggregate, "organisation_id", None) != organisation_id:
        raise NotFound(missing or f"No {kind.__name__.lower()} with this id.", field)
    return aggregate


HANDLERS: dict[type, Handler] = {
    SetRiskMethod: set_risk_method,
    IdentifyRisk: identify_risk,
    CopyRiskScenario: copy_risk_scenario,
    DescribeRisk: describe_risk,
    AssessRisk: assess_risk,
    TreatRisk: treat_risk,
    RecordManagementDecision: record_management_decision,
    AcceptRisk: accept_risk,
    CloseRisk: close_risk,
    HoldRiskReview: hold_risk_review,
    PlanTreatmentAction: plan_treatment_action,
    ChangeTreatmentActionStatus: change_treatment_action_status,
    SetSecurityObjective: set_security_objective,
    ChangeObjectiveStatus: change_objective_status,
}
