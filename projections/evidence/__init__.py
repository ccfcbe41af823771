"""Read model of the bundles exported for an organisation's auditors."""
