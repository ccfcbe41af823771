"""What may be done with an organisation's auditor's bundles, and by whom (the policy decides: `backend/policy.py`).

Exporting hands the organisation's history to a third party, the auditor: the consultancy's admins and the coach of
a cluster the organisation belongs to export a bundle. The organisation's own member accounts list and download
the bundles exported for them, as the coach and the admins do; nobody else sees them.
"""

from __future__ import annotations

from backend.policy import Action

EXPORT_AUDIT_BUNDLE = Action("evidence.export_audit_bundle", "export auditor's bundles")
