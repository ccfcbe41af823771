"""An organisation's competence and awareness (7.2, 7.3): its people with their trainings, the cluster sessions they
attended and the policies they acknowledged or still owe; the trainings and campaigns with their forms; a training's
and a campaign's page with their history and the withdraw form."""

from __future__ import annotations

from functools import partial
from typing import Any

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from frontend.competence import views
from frontend.site.forms import UNTOUCHED, FormState
from frontend.site.graphql_files import graphql_document
from frontend.site.listing import NOT_IN_VIEW, read_listing
from frontend.site.page import NotInView, PageBase

REGISTERS = graphql_document(__file__, "registers")
COMPETENCE = graphql_document(__file__, "competence")
TRAINING = graphql_document(__file__, "training")
CAMPAIGN = graphql_document(__file__, "campaign")
RECORD = graphql_document(__file__, "record_training")
WITHDRAW_TRAINING = graphql_document(__file__, "withdraw_training")
RUN = graphql_document(__file__, "run_awareness_campaign")
WITHDRAW_CAMPAIGN = graphql_document(__file__, "withdraw_awareness_campaign")


class CompetencePages(PageBase):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        add, register = self.router.add_api_route, "/organisations/{org}/competence"
        add("/competence", self.registers, methods=["GET"])
        add(register, self.register, methods=["GET"])
        add(register, self.record, methods=["POST"])
        add(f"{register}/campaigns", self.run, methods=["POST"])
        add(f"{register}/trainings/{{training_id}}", self.training, methods=["GET"])
        add(f"{register}/trainings/{{training_id}}/withdraw", self.withdraw_training, methods=["POST"])
        add(f"{register}/campaigns/{{campaign_id}}", self.campaign, methods=["GET"])
        add(f"{register}/campaigns/{{campaign_id}}/withdraw", self.withdraw_campaign, methods=["POST"])

    async def registers(self, request: Request) -> Response:
        """A member goes to its own organisation's record; a coach or an admin chooses among the organisations."""
        viewer = self._viewer(request)
        if viewer.organisation_id:
            return RedirectResponse(f"/organisations/{viewer.organisation_id}/competence", status_code=303)
        data = await self._query(request, REGISTERS, {})
        context = {"organisations": data.get("organisations", [])}
        return self._render(request, "competence/registers.html", viewer, context)

    async def register(self, request: Request, org: str) -> Response:
        return await self._register(request, org)

    async def _register(self, request: Request, org: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        listing = await read_listing(
            self.ports, request, COMPETENCE, views.list_filters, partial(views.list_variables, org)
        )
        data, filters = listing.data, listing.filters
        if not data.get("trainings"):
            raise NotInView(NOT_IN_VIEW)
        trainings, campaigns = data["trainings"], data["awarenessCampaigns"]
        path = f"/organisations/{org}/competence"
        people = data.get("competencePeople") or []
        context = {
            "organisation": listing.organisation,
            "people": people,
            "accounts": views.account_options(people),
            "trainings": trainings,
            "campaigns": campaigns,
            "can": trainings["viewerCan"],
            "filters": filters,
            "filter_error": listing.filter_error,
            "next_trainings": listing.next_page("trainings", partial(views.next_page, path, filters, "after")),
            "next_campaigns": listing.next_page(
                "awarenessCampaigns", partial(views.next_page, path, filters, "campaigns")
            ),
            "views": views,
        }
        return self._render(request, "competence/register.html", viewer, context, shown)

    async def record(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "record")
        variables = {
            "organisationId": org,
            "course": form.required("course"),
            "completedOn": form.day("completedOn"),
            "provider": form.required("provider"),
            "accountId": form.text("accountId") or None,
            "personName": form.text("personName").strip() or None,
            "evidence": form.text("evidence").strip() or None,
        }

        def says(outcome: dict[str, Any]) -> str:
            training = outcome["training"]
            return f"{training['course']} is recorded for {training['person']}."

        redisplay = partial(self._register, request, org)
        done = f"/organisations/{org}/competence"
        return await self._submit(request, form, RECORD, variables, redisplay, done, says)

    async def run(self, request: Request, org: str) -> Response:
        form = await self._submission(request, "run")
        variables = {
            "organisationId": org,
            "title": form.required("title"),
            "heldOn": form.day("heldOn"),
            "audience": form.required("audience"),
            "material": form.required("material"),
            "participants": form.lines("participants"),
        }
        says = f"The campaign {form.text('title').strip()} is recorded."
        redisplay = partial(self._register, request, org)
        return await self._submit(request, form, RUN, variables, redisplay, f"/organisations/{org}/competence", says)

    async def training(self, request: Request, org: str, training_id: str) -> Response:
        return await self._training(request, org, training_id)

    async def _training(self, request: Request, org: str, training_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        training = (await self._query(request, TRAINING, {"id": training_id})).get("training") or {}
        if training.get("__typename") != "Training" or training["organisationId"] != org:
            raise NotInView(training.get("message", "This training record does not exist or is not yours to see."))
        return self._render(request, "competence/training.html", viewer, {"training": training, "org": org,
                            "views": views}, shown)  # fmt: skip

    async def withdraw_training(self, request: Request, org: str, training_id: str) -> Response:
        form = await self._submission(request, "withdraw")
        variables = {"trainingId": training_id, "reason": form.required("reason")}
        redisplay = partial(self._training, request, org, training_id)
        done = f"/organisations/{org}/competence/trainings/{training_id}"
        says = "The training record is withdrawn; it stays in the history."
        return await self._submit(request, form, WITHDRAW_TRAINING, variables, redisplay, done, says)

    async def campaign(self, request: Request, org: str, campaign_id: str) -> Response:
        return await self._campaign(request, org, campaign_id)

    async def _campaign(self, request: Request, org: str, campaign_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._viewer(request)
        campaign = (await self._query(request, CAMPAIGN, {"id": campaign_id})).get("awarenessCampaign") or {}
        if campaign.get("__typename") != "AwarenessCampaign" or campaign["organisationId"] != org:
            raise NotInView(campaign.get("message", "This campaign does not exist or is not yours to see."))
        return self._render(request, "competence/campaign.html", viewer, {"campaign": campaign, "org": org,
                            "views": views}, shown)  # fmt: skip

    async def withdraw_campaign(self, request: Request, org: str, campaign_id: str) -> Response:
        form = await self._submission(request, "withdraw")
        variables = {"campaignId": campaign_id, "reason": form.required("reason")}
        redisplay = partial(self._campaign, request, org, campaign_id)
        done = f"/organisations/{org}/competence/campaigns/{campaign_id}"
        says = "The campaign is withdrawn; it stays in the history."
        return await self._submit(request, form, WITHDRAW_CAMPAIGN, variables, redisplay, done, says)
