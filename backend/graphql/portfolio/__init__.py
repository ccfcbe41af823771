"""The consultancy's portfolio: every cluster and member in view, their stage, readiness, coaching and outcome, and
the effort beside the single-organisation baseline."""
