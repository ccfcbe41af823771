"""The members' anonymised comparison: an organisation consents to contribute its figures to its cluster's median
and range, and the cohort rule decides when those aggregates may be shown (see docs/comparison.md)."""
