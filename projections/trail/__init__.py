"""The audit trail: every event of every register and programme, in words, as it was recorded.

One row per event: who (their name as it was then), when it was recorded, which item of which register, what
changed and the reason given, and the business date the event carries (a coaching half-day held on 3 March and
recorded on 5 March). Rows carry the item's organisation and cluster, so the one visibility filter applies.
"""
