"""Read model of the organisations' asset inventories and of the consultancy's classification scales."""
