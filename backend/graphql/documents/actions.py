"""What may be done with an organisation's documents, and by whom (the policy decides: `backend/policy.py`).

The organisation's own member accounts write its documents: they draft, submit, approve (not their own version),
publish, withdraw and acknowledge. The coach of a cluster it belongs to and the consultancy's admins read them,
with every version, file and history, to review them with the organisation; approval stays the organisation's.
"""

from __future__ import annotations

from backend.policy import Action

__all__ = ["Action"]

OWN = "organisation_id"

CREATE_DOCUMENT = Action("documents.create_document", "create documents", for_own_organisation=OWN)
DRAFT_VERSION = Action("documents.draft_version", "draft a document's version", for_own_organisation=OWN)
REVISE_DRAFT = Action("documents.revise_draft", "revise a draft", for_own_organisation=OWN)
ATTACH_FILE = Action("documents.attach_file", "attach files to a document", for_own_organisation=OWN)
SUBMIT_VERSION = Action("documents.submit_version", "submit a document's version", for_own_organisation=OWN)
APPROVE_VERSION = Action(
    "documents.approve_version", "approve a document's version", for_own_organisation=OWN, approves=True
)
REJECT_VERSION = Action(
    "documents.reject_version", "reject a document's version", for_own_organisation=OWN, approves=True
)
PUBLISH_VERSION = Action(
    "documents.publish_version", "publish a document's version", for_own_organisation=OWN, approves=True
)
WITHDRAW_VERSION = Action(
    "documents.withdraw_version", "withdraw a document's version", for_own_organisation=OWN, approves=True
)
ACKNOWLEDGE_VERSION = Action("documents.acknowledge_version", "acknowledge a policy", for_own_organisation=OWN)
COPY_DOCUMENT_SKELETON = Action(
    "documents.copy_document_skeleton", "copy document skeletons into an organisation's documents"
)
"""The consultancy's coaches and admins bring its library's skeletons to a client (a draft the organisation then
owns and approves); a member copies into its own documents."""
