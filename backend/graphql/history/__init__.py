"""History's API: what changed in a register between two moments (reading any register as of a moment is `asOf`,
on every read, in `backend.graphql.core.as_of`)."""
