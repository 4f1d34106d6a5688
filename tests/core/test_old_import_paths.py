"""Module paths a user could have imported before the move to packages still work, with a warning."""

from __future__ import annotations

import importlib
import sys

import pytest


@pytest.mark.parametrize(
    ("old", "name", "new"),
    [
        ("prevcat.serialize", "dumps_catalogue", "prevcat.io"),
        ("prevcat.importers.csvio", "read_table", "prevcat.io.csv_read"),
        ("prevcat.hookspecs", "hookimpl", "prevcat.plugins.hookspecs"),
    ],
)
def test_old_module_warns_and_gives_the_same_object(old: str, name: str, new: str) -> None:
    sys.modules.pop(old, None)
    with pytest.warns(DeprecationWarning, match=new.replace(".", r"\.")):
        module = importlib.import_module(old)
    assert getattr(module, name) is getattr(importlib.import_module(new), name)


def test_registry_is_the_old_name_of_registrations() -> None:
    import prevcat.plugins as plugins

    with pytest.warns(DeprecationWarning, match="Registrations"):
        old = plugins.Registry
    assert old is plugins.Registrations
    with pytest.raises(AttributeError):
        _ = plugins.NoSuchThing  # type: ignore[attr-defined]
