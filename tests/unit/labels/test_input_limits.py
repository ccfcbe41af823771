"""docs/input-limits.md's section on the label is the truth: every free-text, choice and date argument of the
label's commands is listed there, and each behaves as listed, writing nothing when refused."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints
from uuid import UUID, uuid4

import pytest

from domain.labels import commands as label_commands
from domain.labels.commands import (
    CorrectMissionAttestation,
    EnrolCandidate,
    EvaluateFirstMission,
    GrantLabel,
    NameEvaluator,
    PublishLabelScheme,
    RecordExamAttempt,
    RecordLabelTraining,
    ReinstateLabel,
    RenewLabel,
    RevokeLabel,
    SuspendLabel,
    WithdrawMissionAttestation,
)
from domain.labels.scheme import RequirementGiven
from domain.shared.errors import ValidationFailed
from tests.unit.labels.support import EVALUATED, FACTS, REQUIREMENTS, SCHEME, TODAY, Body, Consultancy, ratings

DOC = Path(__file__).parents[3] / "docs" / "input-limits.md"
SECTION = DOC.read_text().split("## The label scheme and tracks\n", 1)[1].split("\n## ", 1)[0]
TEXT_TABLE, CHOICE_TABLE, DATE_TABLE, _NUMBERS, *_SERVED = [b for b in SECTION.split("\n\n") if b.startswith("|")]


def _rows(table: str) -> list[list[str]]:
    return [[c.strip().strip("`") for c in line.strip("|").split("|")] for line in table.splitlines() if "| `" in line]


TEXTS = {(r[0], r[1]): (r[2], r[3] == "several", r[4] == "yes", int(r[5])) for r in _rows(TEXT_TABLE)}
CHOICES = {(r[0], r[1]): r[2] for r in _rows(CHOICE_TABLE)}
DATES = {(r[0], r[1]): r[3] for r in _rows(DATE_TABLE)}


def _walk(path: str, hint: Any) -> Iterator[tuple[str, Any]]:
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, types.UnionType):
        for arg in (a for a in args if a is not type(None)):
            yield from _walk(path, arg)
    elif origin in (tuple, list):
        yield from _walk(f"{path}[]", args[0])
    elif dataclasses.is_dataclass(hint):
        for name, inner in get_type_hints(hint).items():
            yield from _walk(f"{path}.{name}", inner)
    else:
        yield path, hint


def _arguments_of_type(wanted: type) -> set[tuple[str, str]]:
    found = set()
    for command in vars(label_commands).values():
        if (
            isinstance(command, type)
            and dataclasses.is_dataclass(command)
            and command.__module__ == label_commands.__name__
        ):
            for name, hint in get_type_hints(command).items():
                found |= {(command.__name__, path) for path, kind in _walk(name, hint) if kind is wanted}
    return found


def test_every_text_and_choice_argument_is_on_the_page() -> None:
    assert _arguments_of_type(str) == set(TEXTS) | set(CHOICES)


def test_every_date_argument_is_on_the_page() -> None:
    assert _arguments_of_type(date) == set(DATES)


# Each argument tried on a body (and candidate) made for the try


Call = Callable[[str], tuple[Body, object]]
On = tuple[UUID, UUID, UUID]
"""A candidate's track, named as commands name it: tenant, acting user, candidate."""


def _scheme(**changed: Any) -> Call:
    def call(text: str) -> tuple[Body, object]:
        body = Body()
        requirement = RequirementGiven("gap_analysis", "scope", "Sets the scope.")
        given = replace(requirement, **dict.fromkeys(changed, text)) if changed else requirement
        title = text if not changed else "Coaching a cluster"
        scheme = replace(SCHEME, training_title=title, requirements=(*REQUIREMENTS, given))
        return body, PublishLabelScheme(body.tenant, body.admin, scheme)

    return call


def _on(up_to: str, make: Callable[[Body, On, str], object]) -> Call:
    def call(text: str) -> tuple[Body, object]:
        body = Body()
        return body, make(body, body.on(body.candidate(up_to)), text)

    return call


def _evaluate(field: str) -> Call:
    def make(body: Body, on: On, text: str) -> object:
        first, *others = ratings()
        given = (replace(first, **{field: text}), *others)
        return EvaluateFirstMission(*on, body.coach, "North cluster", EVALUATED, given)

    return _on("examined", make)


def _enrol(name: str, email: str, body_name: str) -> tuple[Body, object]:
    """An enrolment naming the candidate (and the body): the names are kept only when the candidate's is given."""
    body = Body()
    return body, EnrolCandidate(*body.on(uuid4()), TODAY, name, email, body_name)


def _suspended_then(body: Body, on: On, text: str) -> object:
    body.app.handle(SuspendLabel(*on, TODAY - timedelta(days=1), "Complaint under review"))
    return ReinstateLabel(*on, TODAY, text)


TEXT_CALLS: dict[tuple[str, str], Call] = {
    ("PublishLabelScheme", "scheme.training_title"): _scheme(),
    ("PublishLabelScheme", "scheme.requirements[].key"): _scheme(key=True),
    ("PublishLabelScheme", "scheme.requirements[].text"): _scheme(text=True),
    ("EnrolCandidate", "candidate_name"): lambda t: _enrol(t, "tom@pro.example", "Label Board"),
    ("EnrolCandidate", "candidate_email"): lambda t: _enrol("Tom Keller", t, "Label Board"),
    ("EnrolCandidate", "body_name"): lambda t: _enrol("Tom Keller", "tom@pro.example", t),
    ("NameEvaluator", "evaluator_name"): _on("examined", lambda b, on, t: NameEvaluator(*on, uuid4(), t)),
    ("RecordLabelTraining", "provider"): _on(
        "enrolled", lambda b, on, t: RecordLabelTraining(*on, TODAY, t, "Cert", 21)
    ),
    ("RecordLabelTraining", "evidence"): _on("enrolled", lambda b, on, t: RecordLabelTraining(*on, TODAY, "CA", t, 21)),
    ("EvaluateFirstMission", "mission"): _on(
        "examined", lambda b, on, t: EvaluateFirstMission(*on, b.coach, t, EVALUATED, ratings())
    ),
    ("EvaluateFirstMission", "ratings[].comment"): _evaluate("comment"),
    ("SuspendLabel", "reason"): _on("granted", lambda b, on, t: SuspendLabel(*on, TODAY, t)),
    ("ReinstateLabel", "reason"): _on("granted", _suspended_then),
    ("RevokeLabel", "reason"): _on("granted", lambda b, on, t: RevokeLabel(*on, TODAY, t)),
}
CHOICE_CALLS: dict[tuple[str, str], Call] = {
    ("PublishLabelScheme", "scheme.requirements[].category"): _scheme(category=True),
    ("EvaluateFirstMission", "ratings[].category"): _evaluate("category"),
    ("EvaluateFirstMission", "ratings[].key"): _evaluate("key"),
    ("EvaluateFirstMission", "ratings[].rating"): _evaluate("rating"),
}


def _attest(field: str) -> Call:
    def call(text: str) -> tuple[Body, object]:
        body = Body()
        changes: dict[str, Any] = {field: text}
        return body, Consultancy(body.app).attest(replace(FACTS, **changes))

    return call


def _correct(field: str) -> Call:
    def call(text: str) -> tuple[Body, object]:
        body = Body()
        mission = Consultancy(body.app)
        body.app.handle(mission.attest())
        changes: dict[str, Any] = {"outcome": "certified"} | ({} if field == "reason" else {field: text})
        facts = replace(FACTS, **changes)
        reason = text if field == "reason" else "Certified since."
        return body, CorrectMissionAttestation(*mission.on, facts, reason)

    return call


def _withdraw(text: str) -> tuple[Body, object]:
    body = Body()
    mission = Consultancy(body.app)
    body.app.handle(mission.attest())
    return body, WithdrawMissionAttestation(*mission.on, text)


TEXT_CALLS |= {("AttestMission", f"facts.{f}"): _attest(f) for f in ("consultancy", "cluster", "sector")}
TEXT_CALLS |= {("CorrectMissionAttestation", f"facts.{f}"): _correct(f) for f in ("consultancy", "cluster", "sector")}
TEXT_CALLS |= {
    ("CorrectMissionAttestation", "reason"): _correct("reason"),
    ("WithdrawMissionAttestation", "reason"): _withdraw,
}
CHOICE_CALLS |= {
    (c, f"facts.{f}"): (_attest if c == "AttestMission" else _correct)(f)
    for c in ("AttestMission", "CorrectMissionAttestation")
    for f in ("size_band", "outcome")
}


def test_every_row_is_tried() -> None:
    assert set(TEXT_CALLS) == set(TEXTS) and set(CHOICE_CALLS) == set(CHOICES)


@pytest.mark.parametrize("argument", sorted(TEXTS), ids="-".join)
def test_free_text_is_checked_as_the_page_says(argument: tuple[str, str]) -> None:
    refused_as, several_lines, required, maximum = TEXTS[argument]
    tries = {"\u0007 bell": False, "a" * (maximum + 1): False, "a\nb": several_lines, "a" * maximum: True}
    if required:
        tries[" \t "] = False
    for text, accepted in tries.items():
        body, command = TEXT_CALLS[argument](text)
        if accepted:
            body.app.handle(command)
        else:
            body.app.refuses(command, ValidationFailed, refused_as)


@pytest.mark.parametrize("argument", sorted(CHOICES), ids="-".join)
def test_a_choice_not_offered_is_refused(argument: tuple[str, str]) -> None:
    body, command = CHOICE_CALLS[argument]("something-else")
    body.app.refuses(command, ValidationFailed, CHOICES[argument])


def _reinstated_on(body: Body, day: date) -> object:
    candidate = body.candidate("granted")
    body.app.handle(SuspendLabel(*body.on(candidate), TODAY - timedelta(days=1), "Complaint under review"))
    return ReinstateLabel(*body.on(candidate), day, "Cleared")


DATE_CALLS: dict[tuple[str, str], Callable[[Body, date], object]] = {
    ("EnrolCandidate", "enrolled_on"): lambda b, d: EnrolCandidate(*b.on(uuid4()), d),
    ("RecordLabelTraining", "attended_on"): lambda b, d: RecordLabelTraining(*b.on(b.candidate()), d, "CA", "C", 21),
    ("RecordExamAttempt", "sat_on"): lambda b, d: RecordExamAttempt(*b.on(b.candidate("trained")), d, 90),
    ("EvaluateFirstMission", "evaluated_on"): lambda b, d: EvaluateFirstMission(
        *b.on(b.candidate("examined")), b.coach, "North", d, ratings()
    ),
    ("GrantLabel", "granted_on"): lambda b, d: GrantLabel(*b.on(b.candidate("evaluated")), d),
    ("RenewLabel", "renewed_on"): lambda b, d: RenewLabel(*b.on(b.candidate("granted")), d, ()),
    ("SuspendLabel", "suspended_on"): lambda b, d: SuspendLabel(*b.on(b.candidate("granted")), d, "Complaint"),
    ("ReinstateLabel", "reinstated_on"): _reinstated_on,
    ("RevokeLabel", "revoked_on"): lambda b, d: RevokeLabel(*b.on(b.candidate("granted")), d, "Fraud"),
}


def _mission_day(command: str, field: str) -> Callable[[Body, date], object]:
    """A mission's date, attested or corrected on the body's application (it serves every label command)."""

    def make(body: Body, day: date) -> object:
        mission = Consultancy(body.app)
        changes: dict[str, Any] = {field: day}
        facts = replace(FACTS, **changes)
        if command == "AttestMission":
            return mission.attest(facts)
        body.app.handle(mission.attest())
        return CorrectMissionAttestation(*mission.on, facts, "Dates mended.")

    return make


DATE_CALLS |= {
    (command, f"facts.{field}"): _mission_day(command, field)
    for command in ("AttestMission", "CorrectMissionAttestation")
    for field in ("started_on", "ended_on")
}


@pytest.mark.parametrize("argument", sorted(a for a, after in DATES.items() if after), ids="-".join)
def test_a_date_after_the_business_day_or_before_2000_is_refused(argument: tuple[str, str]) -> None:
    for day in (TODAY + timedelta(days=1), date(1999, 12, 31)):
        body = Body()
        body.app.refuses(DATE_CALLS[argument](body, day), ValidationFailed, argument[1].removeprefix("facts."))
