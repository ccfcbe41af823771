"""What may be done with professional links, and by whom (the policy decides: `backend/policy.py`)."""

from __future__ import annotations

from backend.policy import Action

READ_LINKS = Action("labels.read_links", "read professional links")
REQUEST_LINK = Action("labels.request_link", "ask to link one of the consultancy's coaches to a professional")
END_LINK = Action("labels.end_link", "end a link of the consultancy's coach to a professional")
ANSWER_LINK = Action("labels.answer_link", "consent to or decline a consultancy's request", needs_session=True)
END_CONSENT = Action("labels.end_consent", "end a link you consented to", needs_session=True)
READ_BODY = Action("labels.read_body", "read the labelling body's staff")
INVITE_PROFESSIONAL = Action(
    "labels.invite_professional", "invite a candidate to the professionals' realm", needs_session=True
)

READ_TRACKS = Action("labels.read_tracks", "read the label scheme and its candidates' tracks")
PUBLISH_SCHEME = Action("labels.publish_scheme", "publish the label scheme")
RECORD_TRACK = Action("labels.record_track", "record a step of a candidate's label track")
DECIDE_LABEL = Action("labels.decide_label", "grant, renew, suspend, reinstate or revoke a label")
READ_OWN_TRACK = Action("labels.read_own_track", "read your own label track and the evaluations asked of you")
EVALUATE_FIRST_MISSION = Action("labels.evaluate_first_mission", "evaluate a candidate's first mission")
READ_MISSIONS = Action("labels.read_missions", "read the missions the consultancy attests")
ATTEST_MISSION = Action("labels.attest_mission", "attest a mission a linked professional coached")
CORRECT_MISSION = Action("labels.correct_mission", "correct a mission the consultancy attested")
WITHDRAW_MISSION = Action("labels.withdraw_mission", "withdraw a mission the consultancy attested")
READ_PORTFOLIO = Action("labels.read_portfolio", "read a professional's portfolio")
