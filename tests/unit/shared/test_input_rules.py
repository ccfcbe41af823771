"""Free text, dates and templates that no one means: refused naming the field, before any event is pending."""

from __future__ import annotations

import sys
import unicodedata
from dataclasses import replace
from datetime import date
from uuid import uuid4

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.assessment.gap_analysis import CLAUSES, THEMES, checked_levels
from domain.clusters.cluster import Cluster
from domain.feedback.feedback_item import FeedbackItem
from domain.programme_template.template import DEFAULT_TEMPLATE, MODULES_MAX, ProgrammeTemplate
from domain.shared.calendar import business_date, business_day, latest_business_date
from domain.shared.errors import ValidationErrors, ValidationFailed, every_check
from domain.shared.text import count_between, multi_line, natural_key, single_line
from domain.tenancy.consultancy import Consultancy
from tests.conftest import TEST_DAY
from tests.unit.clusters.test_cluster import ACTOR, running
from tests.unit.engagement.test_engagement import RUNNING, opened
from tests.unit.programme_scenario import Scenario

CONTROL_CHARACTERS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cc"]
LINE_BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def refusal(check: object, *args: object, **kwargs: object) -> ValidationFailed:
    with pytest.raises(ValidationFailed) as error:
        check(*args, **kwargs)  # type: ignore[operator]
    return error.value


# The vocabulary


def test_every_control_character_is_refused_on_one_line() -> None:
    assert len(CONTROL_CHARACTERS) == 65
    for character in CONTROL_CHARACTERS:
        error = refusal(single_line, "name", f"Acme{character}Ltd", 200)
        assert error.field == "name"


def test_several_lines_keep_line_breaks_and_tabs_and_refuse_every_other_control_character() -> None:
    for character in CONTROL_CHARACTERS:
        if character in "\n\t\r":
            continue
        assert refusal(multi_line, "reason", f"One{character}two", 100).field == "reason"
    assert multi_line("reason", " One\r\ntwo\rthree\u2028four\u2029\tfive \n", 100) == "One\ntwo\nthree\nfour\n\tfive"


@pytest.mark.parametrize("line_break", LINE_BREAKS)
def test_one_line_refuses_every_kind_of_line_break(line_break: str) -> None:
    error = refusal(single_line, "certificate_reference", f"ISO{line_break}42", 100)
    assert (error.field, error.message) == ("certificate_reference", "Must fit on one line.")


def test_nul_gets_a_message_a_user_understands() -> None:
    error = refusal(multi_line, "text", "Good session\x00", 4000)
    assert error.message == "Contains an invisible control character. Remove it and try again."
    assert refusal(single_line, "name", "Acme\nLtd", 200).message == "Must fit on one line."


@pytest.mark.parametrize("surrogate", [chr(code) for code in (0xD800, 0xDBFF, 0xDC00, 0xDFFF)])
def test_lone_surrogates_are_refused(surrogate: str) -> None:
    assert refusal(single_line, "name", f"Acme {surrogate}", 200).field == "name"
    assert refusal(multi_line, "text", f"Good {surrogate}", 4000).field == "text"


def test_the_maximum_counts_characters_after_the_surrounding_blanks_are_removed() -> None:
    assert single_line("name", "  " + "é" * 200 + "\t ", 200) == "é" * 200
    assert refusal(single_line, "name", "é" * 201, 200).message == "Must be at most 200 characters."
    assert multi_line("text", "x" * 3999 + "\r\n", 4000) == "x" * 3999
    assert multi_line("text", "x" * 1999 + "\r\n" + "x" * 2000, 4000) == "x" * 1999 + "\n" + "x" * 2000
    assert refusal(multi_line, "text", "x" * 4001, 4000).message == "Must be at most 4,000 characters."


def test_required_and_optional_text() -> None:
    assert refusal(single_line, "name", " \t ", 200).message == "This field is required."
    assert refusal(multi_line, "reason", "\r\n\n", 200).message == "This field is required."
    assert single_line("name", None, 200, required=False) == ""
    assert multi_line("next_steps", "  ", 200, required=False) == ""


def test_letters_of_every_script_emoji_and_joiners_are_text() -> None:
    for text in ("Boulangerie Müller", "Łódź Sp. z o.o.", "東京セキュリティ", "مؤسسة", "👩‍💻 team", "Zero\u200bwidth"):
        assert single_line("name", text, 200) == text
    assert natural_key("  Luxembourg   SMEs ") == natural_key("luxembourg smes")


@given(st.text())
def test_whatever_one_line_accepts_can_be_stored(text: str) -> None:
    try:
        accepted = single_line("name", text, 10_000, required=False)
    except ValidationFailed:
        return
    accepted.encode("utf-8")
    assert not any(unicodedata.category(c) in {"Cc", "Cs", "Zl", "Zp"} for c in accepted)


@given(st.text())
def test_whatever_several_lines_accept_can_be_stored(text: str) -> None:
    try:
        accepted = multi_line("text", text, 10_000, required=False)
    except ValidationFailed:
        return
    accepted.encode("utf-8")
    assert "\x00" not in accepted and "\r" not in accepted
    assert all(c in "\n\t" or unicodedata.category(c) not in {"Cc", "Cs"} for c in accepted)


BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("bidi", BIDI_CONTROLS)
def test_one_line_refuses_text_direction_controls_that_make_a_name_read_otherwise(bidi: str) -> None:
    error = refusal(single_line, "name", f"Invoice{bidi}fdp.exe", 200)
    assert (error.field, error.message) == (
        "name",
        "Contains an invisible text-direction character. Remove it and try again.",
    )
    assert multi_line("text", f"Arabic quote: {bidi}text", 200) == f"Arabic quote: {bidi}text"


@given(st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters=BIDI_CONTROLS)))
def test_ordinary_text_on_one_line_is_kept_as_given_but_for_surrounding_blanks(text: str) -> None:
    assert single_line("name", text, 10_000, required=False) == text.strip()


# Dates


@pytest.mark.parametrize(
    ("day", "accepted"),
    [(date(1999, 12, 31), False), (date(2000, 1, 1), True), (date(2032, 1, 4), True), (date(2032, 1, 5), False)],
)
def test_business_dates_lie_from_2000_to_five_years_after_the_business_day(day: date, accepted: bool) -> None:
    with business_day(TEST_DAY):
        if accepted:
            assert business_date("audit_on", day) == day
        else:
            assert refusal(business_date, "audit_on", day).field == "audit_on"


def test_without_a_business_day_the_fixed_bounds_hold() -> None:
    assert business_date("audit_on", date(2199, 12, 31)) == date(2199, 12, 31)
    assert (
        refusal(business_date, "audit_on", date(2200, 1, 1)).message == "Choose a date from 2000-01-01 to 2199-12-31."
    )


def test_five_years_after_a_29_february_is_the_28th() -> None:
    with business_day(date(2028, 2, 29)):
        assert latest_business_date() == date(2033, 2, 28)


def test_a_withdrawal_cannot_be_dated_before_the_cluster_started() -> None:
    cluster, members = running()
    start = cluster.started_on
    assert start is not None
    error = refusal(cluster.withdraw, ACTOR, members[0], date(2026, 3, 1), "Moved away")
    assert (error.field, error.message) == ("withdrawn_on", f"Cannot be before the cluster started ({start}).")
    assert cluster.collect_events() == []
    cluster.withdraw(ACTOR, members[0], start, "Moved away")
    assert len(cluster.collect_events()) == 1


def test_an_audit_cannot_come_before_the_isms_was_established_nor_a_certificate_before_the_audit() -> None:
    member = opened()
    member.record_isms_established(ACTOR, RUNNING, date(2026, 9, 1))
    member.collect_events()
    error = refusal(member.plan_certification_audit, ACTOR, RUNNING, date(2026, 8, 31), "Certa")
    assert (error.field, error.message) == ("audit_on", "Cannot be before the ISMS was established (2026-09-01).")
    assert member.collect_events() == []
    member.plan_certification_audit(ACTOR, RUNNING, date(2026, 9, 1), "Certa")
    member.collect_events()
    error = refusal(member.record_certified, ACTOR, RUNNING, date(2026, 8, 31), "ISO-1")
    assert (error.field, error.message) == ("certified_on", "Cannot be before the certification audit (2026-09-01).")
    assert member.collect_events() == []


def test_refused_dates_leave_no_pending_event() -> None:
    with business_day(TEST_DAY):
        cluster, members = running()
        for call, args in [
            (cluster.withdraw, (ACTOR, members[0], date(1, 1, 1), "Gone")),
            (cluster.declare_unavailability, (ACTOR, members[0], date(2026, 5, 1), date(9999, 12, 31), "Away")),
            (cluster.close, (ACTOR, date(9999, 12, 31))),
        ]:
            assert refusal(call, *args).message == "Choose a date from 2000-01-01 to 2032-01-04."
            assert cluster.collect_events() == []
        member = opened()
        for call, args in [
            (member.record_isms_established, (ACTOR, RUNNING, date(2200, 1, 1))),
            (member.log_coaching_half_day, (ACTOR, RUNNING, date(9999, 1, 1), ACTOR, None, "Review", "")),
        ]:
            assert refusal(call, *args).message == "Choose a date from 2000-01-01 to 2032-01-04."
            assert member.collect_events() == []
        with pytest.raises(ValidationFailed) as error:
            Cluster.form(uuid4(), ACTOR, "Far future", uuid4(), date(2026, 1, 1), date(9999, 12, 31))
        assert error.value.field == "planned_end"


# Free text on the aggregates: nothing pending after a refusal


def test_refused_text_leaves_no_pending_event() -> None:
    cluster, members = running()
    for call, args, field in [
        (cluster.withdraw, (ACTOR, members[0], date(2026, 4, 1), "Acquired\x00"), "reason"),
        (cluster.cancel_session, (ACTOR, "module:3", "x" * 1001), "reason"),
    ]:
        assert refusal(call, *args).field == field
        assert cluster.collect_events() == []
    member = opened()
    for call, args, field in [
        (member.log_coaching_half_day, (ACTOR, RUNNING, date(2026, 4, 1), ACTOR, None, "Ok", "\x1b[2J"), "next_steps"),
        (member.raise_coaching_ceiling, (ACTOR, RUNNING, 2, "\ud83d"), "reason"),
    ]:
        assert refusal(call, *args).field == field
        assert member.collect_events() == []


def test_feedback_refuses_a_nul_and_a_signature_on_two_lines() -> None:
    def share(text: str, signed_by: str | None) -> FeedbackItem:
        return FeedbackItem.share(
            uuid4(), ACTOR, uuid4(), uuid4(), "initial-training", uuid4(), "hard", text, signed_by
        )

    assert refusal(share, "Too fast\x00", None).field == "text"
    assert refusal(share, "Too fast", "Ana\nBen").field == "signed_by"
    item = share("Too fast\r\nfor us", " Ana ")
    [shared] = item.collect_events()
    assert (shared.text, shared.signed_by) == ("Too fast\nfor us", "Ana")  # type: ignore[attr-defined]


def test_an_unknown_maturity_area_is_named_only_when_it_is_a_short_word() -> None:
    levels = dict.fromkeys(CLAUSES, 1), dict.fromkeys(THEMES, 2)
    for junk, field in (
        ("x\x00" * 50_000, "theme_levels"),
        ("a" * 33, "theme_levels"),
        ("spiritual", "theme_levels.spiritual"),
    ):
        error = refusal(checked_levels, levels[0], {**levels[1], junk: 1})
        assert error.field == field


# The programme template


def test_a_template_has_at_most_thirty_modules() -> None:
    consultancy = Consultancy.create(ACTOR, "Alpine", "alpine")
    consultancy.collect_events()
    modules = tuple(f"Module {n}" for n in range(1, MODULES_MAX + 2))
    error = refusal(consultancy.change_template, ACTOR, ProgrammeTemplate(modules=modules))
    assert (error.field, error.message) == ("modules", "A programme has at most 30 training modules.")
    assert consultancy.collect_events() == []
    changed = consultancy.change_template(ACTOR, ProgrammeTemplate(modules=modules[:MODULES_MAX]))
    assert len(changed.modules) == 30


def test_module_titles_are_stored_clean() -> None:
    consultancy = Consultancy.create(ACTOR, "Alpine", "alpine")
    changed = consultancy.change_template(ACTOR, replace(DEFAULT_TEMPLATE, modules=("  Scope ", "Risk assessment\n")))
    assert changed.modules == ("Scope", "Risk assessment")


@pytest.mark.parametrize(
    "time_zone",
    [
        "Europe",  # a directory of the zone database: IsADirectoryError
        "Europe/" + "x" * 300,  # longer than a file name may be: OSError
        "x" * 65,
        "/etc/localtime",
        "../../../../etc/passwd",
        "Europe/../Europe/Paris",
        "Europe\\Paris",
        "zone.tab",  # a file of the zone database that is no zone: ValueError
        "tzdata.zi",
        "posixrules",
        "localtime",  # the server's own zone, whatever it is
        "Factory",
        "right/UTC",
        "Europe/Luxembourg\x00",
        "Europe/Luxembourg\nUTC",
        "europe/luxembourg",
        "Mars/Olympus",
        "",
        "\ud800",
    ],
)
def test_a_time_zone_that_is_no_zone_name_is_refused_naming_the_field(time_zone: str) -> None:
    consultancy = Consultancy.create(ACTOR, "Alpine", "alpine")
    consultancy.collect_events()
    error = refusal(consultancy.change_template, ACTOR, ProgrammeTemplate(time_zone=time_zone))
    assert error.field == "time_zone"
    assert consultancy.collect_events() == []


@pytest.mark.parametrize("time_zone", ["UTC", "Europe/Luxembourg", "America/Argentina/Buenos_Aires", "Etc/GMT+5"])
def test_a_time_zone_name_is_accepted(time_zone: str) -> None:
    consultancy = Consultancy.create(ACTOR, "Alpine", "alpine")
    assert consultancy.change_template(ACTOR, ProgrammeTemplate(time_zone=f" {time_zone} ")).time_zone == time_zone


# History recorded before these rules


def test_events_recorded_before_these_rules_still_load() -> None:
    """The rules guard the commands only: a stored event is never refused when an aggregate is replayed."""
    s = Scenario()
    consultancy = s.app.get(Consultancy, s.tenant, s.tenant)
    consultancy._template_changed(
        ACTOR, {**DEFAULT_TEMPLATE.as_record(), "modules": ["M"] * 3000, "time_zone": "Europe"}
    )
    cluster = s.cluster(s.running)
    cluster._member_withdrew(ACTOR, s.members[0], date(1, 1, 1), "Gone\x00\n" + "x" * 100_000)
    cluster._isms_established(ACTOR, s.members[1], date(9999, 12, 31))
    s.app.save(consultancy, cluster)
    assert len(s.app.get(Consultancy, s.tenant, s.tenant).template.modules) == 3000
    replayed = s.cluster(s.running)
    assert replayed.members[s.members[0]].withdrawn
    assert replayed.members[s.members[1]].isms_established_on == date(9999, 12, 31)


def test_every_check_reports_every_failure_at_once_and_one_alone_as_itself() -> None:
    assert every_check(lambda: single_line("name", " Ana ", 10), lambda: count_between("n", 3, 1, 5)) == ("Ana", 3)
    with pytest.raises(ValidationErrors) as several:
        every_check(lambda: single_line("name", "", 10), lambda: count_between("n", 9, 1, 5), lambda: "fine")
    assert [p.field for p in several.value.problems] == ["name", "n"] and several.value.field == "name"
    with pytest.raises(ValidationFailed) as one:
        every_check(lambda: "fine", lambda: count_between("n", 9, 1, 5))
    assert not isinstance(one.value, ValidationErrors) and one.value.field == "n"
