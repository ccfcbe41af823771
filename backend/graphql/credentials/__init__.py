"""The labels' credentials in the API: a professional's own, with where to download and where to verify each."""
