"""`/labels/<body>/credentials/<id>`: the address a credential's `id` gives, opened by anyone who holds it. Nobody
signs in: the page asks the backend through its port, as the invitation page does, and shows the verdict the JSON
at the same address with `.json` gives. An address of no credential (unknown, malformed, another body's) is one
404."""

from __future__ import annotations

import anyio.to_thread
from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.page import PageBase

HEADLINES = {
    "valid": "Valid label",
    "expired": "Expired label",
    "suspended": "Suspended label",
    "revoked": "Revoked label",
    "not_yet_valid": "Label not yet valid",
    "status_unknown": "Status unknown",
    "unavailable": "Verification unavailable",
}


class VerificationPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        self.router.add_api_route("/labels/{slug}/credentials/{credential_id}", self.verification, methods=["GET"])

    async def verification(self, request: Request, slug: str, credential_id: str) -> Response:
        shown = None
        if self.ports.label_verdict is not None:
            shown = await anyio.to_thread.run_sync(self.ports.label_verdict, slug, credential_id)
        context = {
            "verdict": shown,
            "headline": HEADLINES.get(shown.state, "Not valid") if shown else "No such label",
            "json_url": f"{request.url.path}.json",
        }
        status = 404 if shown is None else 503 if shown.state == "unavailable" else 200  # as the JSON answers
        response = self.templates.TemplateResponse(
            request, "credentials/verification.html", context, status_code=status
        )
        response.headers["Cache-Control"] = "no-cache"
        return response
