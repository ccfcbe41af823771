"""The API of an organisation's audit evidence: the bundles exported for its auditors."""
