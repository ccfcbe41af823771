"""What may be done with a cluster, its members, its plan and sessions, and by whom.

The policy decides (`backend/policy.py`)."""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

FORM_CLUSTER = Action("form clusters", {ADMIN})
ADMIT_ORGANISATION = Action("admit organisations", {ADMIN, COACH}, admits_candidate=True)
WITHDRAW_MEMBER = Action("record a withdrawal", {ADMIN, COACH})
PLAN_CLUSTER = Action("plan the cluster", {ADMIN, COACH})
RUN_SESSIONS = Action("hold, move or cancel sessions", {ADMIN, COACH})
START_OR_CLOSE_CLUSTER = Action("start or close clusters", {ADMIN, COACH})
DECLARE_UNAVAILABILITY = Action("declare unavailability", {ADMIN, COACH, MEMBER})
RETRACT_UNAVAILABILITY = Action("retract unavailability", {ADMIN, COACH, MEMBER})
CORRECT_SESSIONS = Action("undo a holding or restore a cancelled session", {ADMIN, COACH})
CHANGE_CLUSTER_DETAILS = Action("change a cluster's name or coach", {ADMIN})
"""An admin's: handing a cluster to another coach is a staffing decision, and the name is the consultancy's."""
