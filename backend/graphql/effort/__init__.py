"""The effort report: what each member and the cluster spent, for the funders."""
