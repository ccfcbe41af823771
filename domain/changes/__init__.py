"""An organisation's change log (paper 000, section 5.6): every change to a productive system, numbered without
gaps per organisation, with its owner, initiator, cause, hostname, description, configuration change, category,
risk, approver, approval and execution dates and whether it succeeded; the organisation's Change Advisory Board
and its catalogue of pre-approved standard changes."""
