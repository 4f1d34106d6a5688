"""``prevcat new-plugin``: write a working importer plugin package to start from.

The package has a pyproject with the entry point in group ``prevcat``, a ``registry.toml``
(provenance, columns, the evidence scale, vocabularies) read by
:class:`prevcat.importers.mapped.MappedImporter`, a one-line plugin module
(:class:`prevcat.plugins.registry_plugin.RegistryPlugin`), a tiny snapshot CSV, and tests built on
prevcat's test kit (:func:`prevcat.testing.contract_for`); it passes its own tests as written.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from importlib import resources
from pathlib import Path

from attrs import frozen

from prevcat.errors import PrevcatError
from prevcat.importers.generic import check_source_key

__all__ = ["PluginNames", "plugin_names", "scaffold_plugin"]


@frozen
class PluginNames:
    """The names a plugin for one source key goes by."""

    key: str  #: the source key: ``myregistry``
    dist: str  #: the distribution: ``prevcat-myregistry``
    package: str  #: the import package: ``prevcat_myregistry``
    class_name: str  #: the importer class: ``MyregistryImporter``


def plugin_names(name: str) -> PluginNames:
    """Names for ``NAME`` (``myregistry`` or ``prevcat-myregistry``); :class:`DataError` if invalid."""
    key = name.strip()
    if key.startswith("prevcat-") or key.startswith("prevcat_"):
        key = key[len("prevcat-"):]
    key = check_source_key(key)
    package = "prevcat_" + key.replace("-", "_")
    class_name = "".join(part.capitalize() for part in re.split(r"[-_]+", key) if part) + "Importer"
    if not class_name[0].isalpha():
        class_name = "Source" + class_name
    return PluginNames(key=key, dist=f"prevcat-{key}", package=package, class_name=class_name)


#: template file -> path in the new package (``{package}`` and ``{key}`` filled in)
_FILES: dict[str, str] = {
    "pyproject.toml.tmpl": "pyproject.toml",
    "README.md.tmpl": "README.md",
    "__init__.py.tmpl": "src/{package}/__init__.py",
    "registry.toml.tmpl": "src/{package}/registry.toml",
    "snapshot.csv.tmpl": "src/{package}/data/{key}.csv",
    "test_plugin.py.tmpl": "tests/test_{package}.py",
}


def scaffold_plugin(
    name: str,
    directory: str | Path = ".",
    *,
    title: str | None = None,
    today: dt.date | None = None,
) -> Path:
    """Write the package ``prevcat-NAME/`` inside ``directory``; returns its path.

    Raises :class:`~prevcat.errors.PrevcatError` if that folder exists and is not empty.
    """
    from prevcat.plugins.loading import prevcat_version

    __version__ = prevcat_version()

    names = plugin_names(name)
    target = Path(directory) / names.dist
    if target.exists() and any(target.iterdir()):
        raise PrevcatError(f"{target} already exists and is not empty; choose another name or folder")
    date = today or dt.date.today()
    values = {
        "key": names.key,
        "dist": names.dist,
        "package": names.package,
        "class_name": names.class_name,
        "title": (title or f"{names.key} registry").replace("\\", "").replace('"', "'"),
        "snapshot": date.strftime("%Y-%m"),
        "prevcat_version": __version__,
    }
    templates = resources.files("prevcat") / "scaffold_template"
    for template, output in _FILES.items():
        text = string.Template((templates / template).read_text(encoding="utf-8")).substitute(values)
        path = target / output.format(package=names.package, key=names.key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return target
