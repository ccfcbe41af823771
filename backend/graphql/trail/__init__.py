"""The audit trail's API: one item's events for whoever sees the item, the consultancy's whole trail for its admins."""
