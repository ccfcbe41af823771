"""The change log's read side: one row per change in the paper's columns, its history, the board's consents,
the board and the catalogue of standard changes."""
