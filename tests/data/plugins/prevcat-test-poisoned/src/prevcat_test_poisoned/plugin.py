"""Fails on import, as a plugin with a missing dependency or a syntax slip would."""

raise ImportError("prevcat-test-poisoned needs the registry's API client, which is not installed")
