"""History: any register as it was recorded at a past moment, and what changed between two moments.

A tenant's events up to the moment (`tenant_history`) are replayed by the same projections into a temporary read
model (`as_of`), cached per tenant and moment, and read by the same queries and the same visibility filter.
"""
