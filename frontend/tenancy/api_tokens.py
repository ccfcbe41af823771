"""API tokens: a person's own personal access tokens (from their account page), and the integration clients of the
consultancy (its admins). A new secret is said once, on the page the form leads to; Cordee keeps only its hash."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

API_TOKENS = graphql_document(__file__, "api_tokens")
CREATE_API_TOKEN = graphql_document(__file__, "create_api_token")
REVOKE_API_TOKEN = graphql_document(__file__, "revoke_api_token")
INTEGRATIONS = graphql_document(__file__, "integrations")
REGISTER_INTEGRATION_CLIENT = graphql_document(__file__, "register_integration_client")
REVOKE_INTEGRATION_CLIENT = graphql_document(__file__, "revoke_integration_client")

SCOPES = (("read", "Read: queries only"), ("write", "Write: queries and changes"))
EXCHANGE_HINT = "Exchange it at /oauth/token for an access token of ten minutes (see docs/identity.md)."


class ApiTokenPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/account/api-tokens", self.api_tokens, methods=["GET"])
        routes.add_api_route("/account/api-tokens", self.create, methods=["POST"])
        routes.add_api_route("/account/api-tokens/revoke", self.revoke, methods=["POST"])
        routes.add_api_route("/settings/integrations", self.integrations, methods=["GET"])
        routes.add_api_route("/settings/integrations", self.register, methods=["POST"])
        routes.add_api_route("/settings/integrations/revoke", self.revoke_client, methods=["POST"])

    async def api_tokens(self, request: Request) -> Response:
        return await self._api_tokens(request)

    async def _api_tokens(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, API_TOKENS, {})
        listed = data.get("apiTokens") or {}  # refused before its resolver (a labelling body's or a professional)
        if listed.get("__typename") != "ApiTokenList":
            raise NotInView
        context = {"tokens": listed["tokens"], "scopes": SCOPES, "today": data["viewer"]["today"]}
        return self._render(request, "tenancy/api_tokens.html", viewer, context, shown)

    async def create(self, request: Request) -> Response:
        form = await self._submission(request, "token")
        scopes = [value for value, _ in SCOPES if form.checked(value)]
        if not scopes:
            form.errors["scopes"] = "Tick at least one: read, or write."
        variables = {"name": form.required("name"), "scopes": scopes, "expiresOn": form.day("expiresOn")}
        redisplay = partial(self._api_tokens, request)

        def says(outcome: dict[str, Any]) -> str:
            return f"Your token {outcome['token']['name']}: {outcome['secret']} Copy it now; it is not shown again. "

        beside = ("name", "scopes", "expiresOn")
        return await self._submit(
            request, form, CREATE_API_TOKEN, variables, redisplay, "/account/api-tokens", says, beside
        )

    async def revoke(self, request: Request) -> Response:
        form = await self._submission(request, "revoke")
        form.confirmed("confirm", "Tick the box to confirm: programs using the token stop at once.")
        variables = {"tokenId": form.required("tokenId")}
        redisplay = partial(self._api_tokens, request)
        says = "The token is revoked: it and every access token made with it stop at once."
        return await self._submit(
            request, form, REVOKE_API_TOKEN, variables, redisplay, "/account/api-tokens", says, ()
        )

    async def integrations(self, request: Request) -> Response:
        return await self._integrations(request)

    async def _integrations(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        data = await self._query(request, INTEGRATIONS, {})
        listed = data["integrationClients"]
        if listed["__typename"] != "IntegrationClientList":
            raise NotInView
        organisations = {org["id"]: org["name"] for org in data["organisations"]}
        context = {"clients": listed["clients"], "organisations": organisations, "scopes": SCOPES}
        return self._render(request, "tenancy/integrations.html", viewer, context, shown)

    async def register(self, request: Request) -> Response:
        form = await self._submission(request, "client")
        scopes = [value for value, _ in SCOPES if form.checked(value)]
        if not scopes:
            form.errors["scopes"] = "Tick at least one: read, or write."
        variables = {"name": form.required("name"), "organisationId": form.required("organisationId"), "scopes": scopes}
        redisplay = partial(self._integrations, request)

        def says(outcome: dict[str, Any]) -> str:
            client = outcome["client"]
            return (
                f"{client['name']} is registered. Client id: {client['id']} Client secret: {outcome['secret']} "
                "Copy the secret now; it is not shown again."
            )

        beside = ("name", "organisationId", "scopes")
        return await self._submit(
            request, form, REGISTER_INTEGRATION_CLIENT, variables, redisplay, "/settings/integrations", says, beside
        )

    async def revoke_client(self, request: Request) -> Response:
        form = await self._submission(request, "revoke")
        form.confirmed("confirm", "Tick the box to confirm: the client stops at once.")
        variables = {"clientId": form.required("clientId"), "reason": form.text("reason")}
        redisplay = partial(self._integrations, request)
        says = "The client is revoked: its access tokens stop at once, and it gets no new one."
        done = "/settings/integrations"
        return await self._submit(
            request, form, REVOKE_INTEGRATION_CLIENT, variables, redisplay, done, says, ("reason",)
        )
