"""Importers: the contract every importer follows, shared reading tools, built-in importers."""
