"""What may be done with a cluster, its members, its plan and sessions, and by whom.

The policy decides (`backend/policy.py`)."""

from __future__ import annotations

from backend.policy import Action

FORM_CLUSTER = Action("clusters.form_cluster", "form clusters")
ADMIT_ORGANISATION = Action("clusters.admit_organisation", "admit organisations", admits_candidate=True)
WITHDRAW_MEMBER = Action("clusters.withdraw_member", "record a withdrawal")
PLAN_CLUSTER = Action("clusters.plan_cluster", "plan the cluster")
RUN_SESSIONS = Action("clusters.run_sessions", "hold, move or cancel sessions")
START_OR_CLOSE_CLUSTER = Action("clusters.start_or_close_cluster", "start or close clusters")
DECLARE_UNAVAILABILITY = Action("clusters.declare_unavailability", "declare unavailability")
RETRACT_UNAVAILABILITY = Action("clusters.retract_unavailability", "retract unavailability")
CORRECT_SESSIONS = Action("clusters.correct_sessions", "undo a holding or restore a cancelled session")
CHANGE_CLUSTER_DETAILS = Action("clusters.change_cluster_details", "change a cluster's name or coach")
"""An admin's: handing a cluster to another coach is a staffing decision, and the name is the consultancy's."""
