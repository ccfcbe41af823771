"""Labelled professionals: the labelling body's scheme (training, exam, the evaluation requirements in four
categories, validity and renewal), versioned, and each candidate's label track from enrolment to the grant, renewal,
suspension and revocation of the label (see docs/labels.md)."""
