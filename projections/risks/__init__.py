"""Read model of the organisations' risk registers, treatment plans and objectives, and of the consultancy's risk
method."""
