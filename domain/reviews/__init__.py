"""An organisation's management reviews of its ISMS (ISO/IEC 27001 clause 9.3).

A review is planned for a date, with its chair and attendees. Its inputs are gathered from the registers as they
stand on the day they are gathered and kept with the review, in the event that records them: a later change to a
register never alters what the review looked at. Opportunities for improvement are entered by hand. Once held, the
review records its decisions, each with how it was reached and the resources committed; a decision becomes actions
with owners and due dates, tracked until done. A closed review is approved and frozen: a decision is then corrected
only by a new event with its reason. The next review's inputs list the actions of earlier ones and their status.
"""
