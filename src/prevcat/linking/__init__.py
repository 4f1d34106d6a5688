"""Linking: the same method across registries, countries and languages."""

from __future__ import annotations
