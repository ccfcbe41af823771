"""The label tracks' pages: a labelling body's candidates and each one's track, with the forms its staff record
the steps and decide the label with; a professional's own label and the first-mission evaluations asked of them.
Who sees which is the API's to say: a page whose query is refused is answered as one out of view."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates

from frontend.ports import FrontendPorts, Viewer
from frontend.site.forms import UNTOUCHED, FormState, Submission
from frontend.site.graphql_files import graphql_document
from frontend.site.page import NotInView, PageBase

CANDIDATES = graphql_document(__file__, "label_candidates")
TRACK = graphql_document(__file__, "label_track")
OWN_LABEL = graphql_document(__file__, "own_label")
ENROL = graphql_document(__file__, "enrol_label_candidate")
EVALUATE = graphql_document(__file__, "submit_first_mission_evaluation")
SCHEME = graphql_document(__file__, "label_scheme")
PUBLISH = graphql_document(__file__, "publish_label_scheme")
SCHEME_NUMBERS = (
    "trainingMinimumHours",
    "passMark",
    "maximumAttempts",
    "validityMonths",
    "renewalMissions",
    "renewalDays",
)
STEPS = {
    "training": graphql_document(__file__, "record_label_training"),
    "exam": graphql_document(__file__, "record_exam_attempt"),
    "evaluator": graphql_document(__file__, "name_label_evaluator"),
    "grant": graphql_document(__file__, "grant_label"),
    "renew": graphql_document(__file__, "renew_label"),
    "suspend": graphql_document(__file__, "suspend_label"),
    "reinstate": graphql_document(__file__, "reinstate_label"),
    "revoke": graphql_document(__file__, "revoke_label"),
}
SAYS = {
    "training": "The training is recorded.",
    "exam": "The exam attempt is recorded.",
    "evaluator": "The coach is asked to evaluate the first mission: they see it once they sign in.",
    "grant": "The label is granted.",
    "renew": "The label is renewed.",
    "suspend": "The label is suspended.",
    "reinstate": "The label is reinstated.",
    "revoke": "The label is revoked, for good.",
}
STATUS = {
    "CANDIDATE": "Candidate",
    "VALID": "Valid",
    "SUSPENDED": "Suspended",
    "EXPIRED": "Expired",
    "REVOKED": "Revoked",
}
CATEGORY = {
    "gap_analysis": "Gap analysis",
    "risk_management": "Risk management",
    "management_system": "Management system procedures",
    "security_policies": "Security policies and procedures",
}
RATINGS = (("meets", "Meets"), ("partially", "Partially"), ("not_met", "Not met"))
WHAT = {
    "enrolled": "Enrolled",
    "enrolled_again": "Enrolled again",
    "training": "Training",
    "exam": "Exam",
    "evaluator_named": "Evaluator named",
    "evaluation": "First-mission evaluation",
    "granted": "Granted",
    "renewed": "Renewed",
    "suspended": "Suspended",
    "reinstated": "Reinstated",
    "revoked": "Revoked",
}
WORDS = {"status": STATUS, "category": CATEGORY, "ratings": RATINGS, "what": WHAT}


class TrackPages(PageBase):
    def __init__(self, ports: FrontendPorts, templates: Jinja2Templates) -> None:
        super().__init__(ports, templates)
        routes = self.router
        routes.add_api_route("/labelling-body/candidates", self.candidates, methods=["GET"])
        routes.add_api_route("/labelling-body/candidates", self.enrol, methods=["POST"])
        routes.add_api_route("/labelling-body/candidates/{professional_id}", self.track, methods=["GET"])
        routes.add_api_route("/labelling-body/candidates/{professional_id}/{step}", self.record, methods=["POST"])
        routes.add_api_route("/professional/label", self.own_label, methods=["GET"])
        routes.add_api_route("/labelling-body/scheme", self.scheme, methods=["GET"])
        routes.add_api_route("/labelling-body/scheme", self.publish, methods=["POST"])
        routes.add_api_route("/professional/evaluations/{track_id}", self.evaluate, methods=["POST"])

    # The labelling body's candidates

    async def candidates(self, request: Request) -> Response:
        return await self._candidates_page(request)

    async def _candidates_page(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._own_home(request, "/labelling-body")
        data = await self._query(request, CANDIDATES, {})
        found = data.get("tracks") or {}
        if found.get("__typename") != "LabelTrackConnection":
            raise NotInView
        scheme = (data.get("scheme") or {}).get("current")
        context = {"tracks": [edge["node"] for edge in found["edges"]], "scheme": scheme, **WORDS}
        return self._render(request, "labels/candidates.html", viewer, context, shown)

    async def enrol(self, request: Request) -> Response:
        self._own_home(request, "/labelling-body")
        form = await self._submission(request, "enrol")
        variables = {
            "email": form.required("email"),
            "displayName": form.required("displayName"),
            "enrolledOn": form.day("enrolledOn"),
        }

        async def redisplay(shown: FormState) -> Response:
            return await self._candidates_page(request, shown)

        says = "Enrolled. The candidate sees their track once they sign in to their professional's account."
        return await self._submit(request, form, ENROL, variables, redisplay, "/labelling-body/candidates", says)

    async def track(self, request: Request, professional_id: str) -> Response:
        return await self._track_page(request, professional_id)

    async def _track_page(self, request: Request, professional_id: str, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._own_home(request, "/labelling-body")
        data = await self._query(request, TRACK, {"id": professional_id})
        track = data.get("track") or {}
        if track.get("__typename") != "LabelTrack":
            raise NotInView
        return self._render(request, "labels/label_track.html", viewer, {"track": track, **WORDS}, shown)

    async def record(self, request: Request, professional_id: str, step: str) -> Response:
        self._own_home(request, "/labelling-body")
        if step not in STEPS:
            raise NotInView
        form = await self._submission(request, step)
        variables = {"professionalId": professional_id, **_step_fields(step, form)}

        async def redisplay(shown: FormState) -> Response:
            return await self._track_page(request, professional_id, shown)

        done = f"/labelling-body/candidates/{professional_id}"
        beside = [name for name in variables if name != "professionalId"]
        return await self._submit(request, form, STEPS[step], variables, redisplay, done, SAYS[step], beside)

    # The scheme's next version

    async def scheme(self, request: Request) -> Response:
        return await self._scheme_page(request)

    async def _scheme_page(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._own_home(request, "/labelling-body")
        found = (await self._query(request, SCHEME, {})).get("scheme") or {}
        if found.get("__typename") != "LabelScheme":
            raise NotInView
        scheme = found.get("current")
        lines = [" | ".join((r["category"], r["key"], r["text"])) for r in (scheme or {}).get("requirements", [])]
        context = {"scheme": scheme, "requirements": "\n".join(lines), "categories": list(CATEGORY)}
        return self._render(request, "labels/label_scheme.html", viewer, context, shown)

    async def publish(self, request: Request) -> Response:
        self._own_home(request, "/labelling-body")
        form = await self._submission(request, "scheme")
        given: dict[str, Any] = {"trainingTitle": form.required("trainingTitle")}
        given |= {name: form.number(name) for name in SCHEME_NUMBERS}
        given["requirements"] = _requirements(form)

        async def redisplay(shown: FormState) -> Response:
            return await self._scheme_page(request, shown)

        beside = ["trainingTitle", *SCHEME_NUMBERS, "requirements"]
        says = "The new version is published: candidates enrolled from now on are on it."
        return await self._submit(
            request, form, PUBLISH, {"scheme": given}, redisplay, "/labelling-body/candidates", says, beside
        )

    # The professional's own label and the evaluations asked of them

    async def own_label(self, request: Request) -> Response:
        return await self._own_label_page(request)

    async def _own_label_page(self, request: Request, shown: FormState = UNTOUCHED) -> Response:
        viewer = self._own_home(request, "/professional")
        data = await self._query(request, OWN_LABEL, {})
        mine, asked = data.get("mine") or {}, data.get("asked") or {}
        if mine.get("__typename") != "OwnLabelTracks" or asked.get("__typename") != "LabelEvaluationsAsked":
            raise NotInView
        context = {"tracks": mine["tracks"], "evaluations": asked["evaluations"], **WORDS}
        return self._render(request, "labels/own_label.html", viewer, context, shown)

    async def evaluate(self, request: Request, track_id: str) -> Response:
        self._own_home(request, "/professional")
        form = await self._submission(request, f"evaluate-{track_id}")
        keys = [name.removeprefix("comment-") for name in form.fields if name.startswith("comment-")]
        variables = {
            "trackId": track_id,
            "mission": form.required("mission"),
            "evaluatedOn": form.day("evaluatedOn"),
            "ratings": [_rating(form, key) for key in keys],
        }

        async def redisplay(shown: FormState) -> Response:
            return await self._own_label_page(request, shown)

        says = "Your evaluation is recorded; the labelling body sees it on the candidate's track."
        beside = ["mission", "evaluatedOn"]
        return await self._submit(request, form, EVALUATE, variables, redisplay, "/professional/label", says, beside)

    def _own_home(self, request: Request, home: str) -> Viewer:
        viewer = self._viewer(request)
        if viewer.home != home:
            raise NotInView
        return viewer


def _step_fields(step: str, form: Submission) -> dict[str, Any]:
    """A step's fields as its input names them; a day or a number that cannot be read is the form's error."""
    if step == "training":
        return {
            "attendedOn": form.day("attendedOn"),
            "provider": form.required("provider"),
            "evidence": form.required("evidence"),
            "hours": _hours(form),
        }
    if step == "exam":
        return {"satOn": form.day("satOn"), "score": form.number("score")}
    if step == "evaluator":
        return {"evaluatorEmail": form.required("evaluatorEmail")}
    if step == "grant":
        return {"grantedOn": form.day("grantedOn")}
    if step == "renew":
        return {"renewedOn": form.day("renewedOn")}
    if step == "revoke":
        form.confirmed("confirm", "Tick the box: a revocation is final.")
    day = {"suspend": "suspendedOn", "reinstate": "reinstatedOn", "revoke": "revokedOn"}[step]
    return {day: form.day(day), "reason": form.required("reason")}


def _requirements(form: Submission) -> list[dict[str, str]]:
    """The requirements typed one a line, `category | key | what it asks`; a line not so is the form's error."""
    found = []
    for number, line in enumerate(form.required("requirements").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|", 2)]
        if len(parts) != 3:
            form.errors["requirements"] = f"Line {number}: give the category, the key and what it asks, by |."
            return []
        found.append({"category": parts[0], "key": parts[1], "text": parts[2]})
    return found


def _hours(form: Submission) -> float | None:
    text = form.required("hours").strip().replace(",", ".")
    try:
        return float(text) if text else None
    except ValueError:
        form.errors["hours"] = "Give the hours as a number, e.g. 21 or 10.5."
        return None


def _rating(form: Submission, key: str) -> dict[str, str]:
    rating = form.text(f"rating-{key}")
    if not rating:
        form.errors[f"rating-{key}"] = "Choose a rating."
    return {"key": key, "rating": rating, "comment": form.required(f"comment-{key}")}
