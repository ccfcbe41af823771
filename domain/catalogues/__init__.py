"""Control catalogues: the editions of ISO/IEC 27001 a consultancy works with, shipped as data files.

A catalogue lists an edition's clauses and its Annex A controls, grouped by theme (2022) or by domain with their
control objectives (2005). Identifiers are the standard's; every title is Cordee's own short wording. A
correspondence is Cordee's own reading of which controls of one edition carry the intent of a control of another,
so that a Statement of Applicability can move to the new edition. The format is described in
`docs/catalogue-format.md`.
"""
