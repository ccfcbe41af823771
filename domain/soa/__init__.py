"""An organisation's Statement of Applicability (ISO/IEC 27001 clause 6.1.3 d).

The organisation starts it on a control catalogue (an edition of Annex A, or a catalogue its consultancy imported),
kept with its version and its controls as they were then, and decides every control: applicable, with the reasons
it is included (risk treatment, legal, contractual, business) and how far it is implemented, or not applicable, with
why it does not apply. Documents of the organisation are its evidence. A version of the statement is submitted once
every control is decided and none is left to review, approved by someone who neither submitted it nor decided any of
its controls, and frozen: the decisions taken after an approval make the next draft. A statement made on the 2005
edition moves to 2022 through the shipped correspondence, its decisions carried over and marked to review.
"""
