"""What may be done with an organisation's documents, and by whom (the policy decides: `backend/policy.py`).

The organisation's own member accounts write its documents: they draft, submit, approve (not their own version),
publish, withdraw and acknowledge. The coach of a cluster it belongs to and the consultancy's admins read them,
with every version, file and history, to review them with the organisation; approval stays the organisation's.
"""

from __future__ import annotations

from backend.policy import ADMIN, COACH, MEMBER, Action

__all__ = ["Action"]

OWN = "organisation_id"

CREATE_DOCUMENT = Action("create documents", {MEMBER}, for_own_organisation=OWN)
DRAFT_VERSION = Action("draft a document's version", {MEMBER}, for_own_organisation=OWN)
REVISE_DRAFT = Action("revise a draft", {MEMBER}, for_own_organisation=OWN)
ATTACH_FILE = Action("attach files to a document", {MEMBER}, for_own_organisation=OWN)
SUBMIT_VERSION = Action("submit a document's version", {MEMBER}, for_own_organisation=OWN)
APPROVE_VERSION = Action("approve a document's version", {MEMBER}, for_own_organisation=OWN, approves=True)
REJECT_VERSION = Action("reject a document's version", {MEMBER}, for_own_organisation=OWN, approves=True)
PUBLISH_VERSION = Action("publish a document's version", {MEMBER}, for_own_organisation=OWN, approves=True)
WITHDRAW_VERSION = Action("withdraw a document's version", {MEMBER}, for_own_organisation=OWN, approves=True)
ACKNOWLEDGE_VERSION = Action("acknowledge a policy", {MEMBER}, for_own_organisation=OWN)
COPY_DOCUMENT_SKELETON = Action("copy document skeletons into an organisation's documents", {ADMIN, COACH, MEMBER})
"""The consultancy's coaches and admins bring its library's skeletons to a client (a draft the organisation then
owns and approves); a member copies into its own documents."""
