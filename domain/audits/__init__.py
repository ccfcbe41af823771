"""An organisation's internal audits (ISO/IEC 27001 9.2): the audit programme of each year (which clauses and
controls are audited, who owns each area, when), each audit with its scope, criteria and an auditor independent of
the areas audited, and the audit's findings: major or minor nonconformities, observations and opportunities, each
with its clause or control and its evidence."""
