"""Extraction: find entities, relations and quantities in articles."""
