from domain.feedback.rules import can_hide_feedback, can_unhide_feedback, can_withdraw_feedback


def test_feedback_is_withdrawn_once() -> None:
    assert can_withdraw_feedback(withdrawn=False)
    assert not can_withdraw_feedback(withdrawn=True)


def test_feedback_is_hidden_once_and_never_after_its_withdrawal() -> None:
    assert can_hide_feedback(withdrawn=False, hidden=False)
    assert not can_hide_feedback(withdrawn=False, hidden=True)
    assert not can_hide_feedback(withdrawn=True, hidden=False)


def test_only_a_hidden_item_its_author_kept_is_shown_again() -> None:
    assert can_unhide_feedback(withdrawn=False, hidden=True)
    assert not can_unhide_feedback(withdrawn=False, hidden=False)
    assert not can_unhide_feedback(withdrawn=True, hidden=True)
