"""An organisation's documented information (ISO/IEC 27001 clause 7.5): its policies, procedures and records.

Each document has versions: a version is drafted, submitted, approved by someone other than its author, published,
and reviewed by a date. The text of an approved version is frozen, its SHA-256 recorded in the approval, so that an
auditor reading an old version reads what was approved then. A published policy may ask the organisation's people
to acknowledge it. Files attached to a version are kept in a blob store, each by its content hash.
"""
