"""Read model of ITIL declarations: what each organisation declares now, and every declaration and withdrawal."""
