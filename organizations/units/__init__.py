"""The tree of units: the tree page, a unit's page and the lookup of units by name or code."""
