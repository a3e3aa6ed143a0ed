"""The embedded default corpus (five news files) and the entity catalog, shipped as package data."""
