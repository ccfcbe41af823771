"""The read side of internal audits: programmes, their areas, audits, findings and what was done to them."""
