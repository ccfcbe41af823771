"""The rules of a document's versions, both ways."""

from __future__ import annotations

import hashlib
import uuid
from datetime import date

import pytest

from domain.documents.attachments import check_file
from domain.documents.document import Document, review_date, text_hash
from domain.documents.skeletons import skeleton
from domain.shared.calendar import business_day
from domain.shared.errors import ValidationFailed

TODAY = date(2027, 1, 4)
AUTHOR, APPROVER, READER = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
TEXT = "All staff lock their screens.\nÉquipe: à bientôt."


def drafted(text: str = TEXT) -> Document:
    return Document.create(uuid.uuid4(), AUTHOR, uuid.uuid4(), uuid.uuid4(), "policy", "Access", "CISO", text)


def approved(text: str = TEXT) -> Document:
    document = drafted(text)
    document.submit(AUTHOR, 1)
    with business_day(TODAY):
        document.approve(APPROVER, 1, date(2028, 1, 4))
    return document


def refused_field(error: pytest.ExceptionInfo[ValidationFailed]) -> str | None:
    return error.value.field


def test_a_new_document_has_its_first_version_as_a_draft() -> None:
    document = drafted()
    assert document.versions[1].status == "draft"
    assert document.versions[1].text == TEXT


def test_an_unknown_kind_and_a_blank_title_are_refused_by_field() -> None:
    with pytest.raises(ValidationFailed) as error:
        Document.create(uuid.uuid4(), AUTHOR, uuid.uuid4(), uuid.uuid4(), "memo", "Access", "CISO", TEXT)
    assert refused_field(error) == "kind"
    with pytest.raises(ValidationFailed) as error:
        Document.create(uuid.uuid4(), AUTHOR, uuid.uuid4(), uuid.uuid4(), "policy", "  ", "CISO", TEXT)
    assert refused_field(error) == "title"
    with pytest.raises(ValidationFailed) as error:
        Document.create(uuid.uuid4(), AUTHOR, uuid.uuid4(), uuid.uuid4(), "policy", "A", "CISO", "bell \u0007")
    assert refused_field(error) == "text"


def test_the_author_cannot_approve_their_own_version() -> None:
    document = drafted()
    document.submit(AUTHOR, 1)
    with business_day(TODAY), pytest.raises(ValidationFailed) as error:
        document.approve(AUTHOR, 1, date(2028, 1, 4))
    assert refused_field(error) == "version"
    assert "someone else" in str(error.value)
    assert document.versions[1].status == "submitted"


def test_a_draft_is_not_approved_before_it_is_submitted() -> None:
    with business_day(TODAY), pytest.raises(ValidationFailed, match="submitted"):
        drafted().approve(APPROVER, 1, date(2028, 1, 4))


def test_the_approval_records_the_texts_sha256() -> None:
    document = approved()
    event = next(e for e in document.collect_events() if type(e).__name__ == "VersionApproved")
    assert event.content_hash == hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    assert event.content_hash == text_hash(TEXT)  # stable: the same text, the same hash
    assert text_hash(TEXT + " ") != text_hash(TEXT)


def test_an_approved_text_is_frozen() -> None:
    document = approved()
    with pytest.raises(ValidationFailed, match="draft"):
        document.revise(AUTHOR, 1, "Another text")
    assert document.versions[1].text == TEXT


def test_publishing_an_unapproved_version_is_refused() -> None:
    document = drafted()
    with pytest.raises(ValidationFailed) as error:
        document.publish(AUTHOR, 1, True)
    assert refused_field(error) == "version"
    document.submit(AUTHOR, 1)
    with pytest.raises(ValidationFailed):
        document.publish(AUTHOR, 1, True)


def test_a_new_published_version_supersedes_the_last() -> None:
    document = approved()
    document.publish(APPROVER, 1, False)
    document.draft_version(AUTHOR, "Second text")
    document.submit(AUTHOR, 2)
    with business_day(TODAY):
        document.approve(APPROVER, 2, date(2027, 6, 1))
    document.publish(APPROVER, 2, True)
    assert [v.status for v in document.versions.values()] == ["superseded", "published"]


def test_one_version_at_a_time_is_on_its_way() -> None:
    with pytest.raises(ValidationFailed) as error:
        drafted().draft_version(AUTHOR, "Another")
    assert refused_field(error) == "document_id"


def test_a_rejection_sends_the_version_back_to_draft_with_its_reason() -> None:
    document = drafted()
    document.submit(AUTHOR, 1)
    with pytest.raises(ValidationFailed) as error:
        document.reject(APPROVER, 1, " ")
    assert refused_field(error) == "reason"
    document.reject(APPROVER, 1, "Name the CISO.")
    assert document.versions[1].status == "draft"
    document.revise(AUTHOR, 1, "Revised")
    assert document.versions[1].text == "Revised"


def test_only_a_published_version_is_withdrawn_with_a_reason() -> None:
    document = approved()
    with pytest.raises(ValidationFailed):
        document.withdraw(APPROVER, 1, "Wrong")
    document.publish(APPROVER, 1, False)
    with pytest.raises(ValidationFailed) as error:
        document.withdraw(APPROVER, 1, "")
    assert refused_field(error) == "reason"
    document.withdraw(APPROVER, 1, "Replaced by the group's policy.")
    assert document.versions[1].status == "withdrawn"


def test_acknowledgement_only_of_a_published_version_asking_for_it_once() -> None:
    document = approved()
    with pytest.raises(ValidationFailed):
        document.acknowledge(READER, 1)  # approved, not published
    document.publish(APPROVER, 1, False)
    with pytest.raises(ValidationFailed, match="asks for it"):
        document.acknowledge(READER, 1)
    asking = approved()
    asking.publish(APPROVER, 1, True)
    asking.acknowledge(READER, 1)
    with pytest.raises(ValidationFailed, match="already"):
        asking.acknowledge(READER, 1)
    assert asking.versions[1].acknowledged_by == {READER}


def test_a_version_that_does_not_exist_is_refused_by_field() -> None:
    with pytest.raises(ValidationFailed) as error:
        drafted().submit(AUTHOR, 7)
    assert refused_field(error) == "version"


@pytest.mark.parametrize("day", [TODAY, date(2026, 12, 31), date(2030, 1, 5)])
def test_a_review_date_lies_after_today_and_within_three_years(day: date) -> None:
    with business_day(TODAY), pytest.raises(ValidationFailed) as error:
        review_date("review_on", day)
    assert refused_field(error) == "review_on"


@pytest.mark.parametrize("day", [date(2027, 1, 5), date(2030, 1, 4)])
def test_review_dates_at_the_bounds_are_taken(day: date) -> None:
    with business_day(TODAY):
        assert review_date("review_on", day) == day


def test_files_are_attached_to_a_draft_only_and_once() -> None:
    document = drafted()
    file = check_file("policy.txt", b"Signed copy")
    document.attach(AUTHOR, 1, file)
    with pytest.raises(ValidationFailed, match="already"):
        document.attach(AUTHOR, 1, file)
    document.submit(AUTHOR, 1)
    with pytest.raises(ValidationFailed, match="draft"):
        document.attach(AUTHOR, 1, check_file("other.txt", b"Other"))


def test_the_security_policy_skeleton_is_a_policy_with_its_sections() -> None:
    kind, title, text = skeleton("skeleton", "information-security-policy")
    assert (kind, title) == ("policy", "Information security policy")
    assert "## 4. Commitments of management" in text
    with pytest.raises(ValidationFailed) as error:
        skeleton("skeleton", "../secrets")
    assert refused_field(error) == "skeleton"
