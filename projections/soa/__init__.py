"""Read model of an organisation's Statement of Applicability: its controls, versions, frozen copies and history."""
