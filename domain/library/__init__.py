"""The consultancy's library: reusable items its coaches bring to every client, kept in one place.

Threats, vulnerabilities, asset templates (an asset's name, kind and suggested classification), risk scenarios (a
threat meeting a vulnerability, with the likelihood and impact to expect) and document skeletons (a title and the
markdown a first draft starts from). An item is revised (each revision is its next version) and retired, never
deleted. A copy into an organisation's register records the item and the version it came from.
"""
