"""An organisation's evidence for its auditors: the bundles exported of its history, each an event."""
