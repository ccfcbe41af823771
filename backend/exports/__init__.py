"""Downloads served over REST: files that calendars and spreadsheets read."""
