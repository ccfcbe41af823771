"""Read models: SQLAlchemy tables filled from the event log by projections, and the one query layer over them."""
