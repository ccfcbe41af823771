"""The labels' credentials as the public reads them: what each states, its status entry and its status."""
