"""A registry plugin made from a package's ``registry.toml``: :class:`RegistryPlugin`.

The whole plugin module of a registry is one line::

    plugin = RegistryPlugin.from_package(__name__)

with the entry point pointing at that object (``myregistry = "prevcat_myregistry:plugin"``).
Its hooks register the importer (the spec's ``rules`` class, or a
:class:`~prevcat.importers.mapped.MappedImporter` made from the spec) and every scale of the spec.
"""

from __future__ import annotations

from collections.abc import Callable

from prevcat.evidence import EvidenceScale
from prevcat.importers.base import Importer
from prevcat.importers.mapped import MappedImporter, importer_class
from prevcat.importers.registry_spec import RegistrySpec, load_spec
from prevcat.plugins.hookspecs import hookimpl

__all__ = ["RegistryPlugin"]


class RegistryPlugin:
    """The pluggy plugin object of one registry package; ``__name__`` is the package's name."""

    def __init__(self, spec: RegistrySpec, importer: type[MappedImporter]) -> None:
        self.spec = spec
        self.importer_class = importer
        self.__name__ = spec.package

    @classmethod
    def from_package(cls, package: str) -> RegistryPlugin:
        """The plugin of ``package``: reads its ``registry.toml`` (a bad file raises ``DataErrors``)."""
        spec = load_spec(package)
        return cls(spec, importer_class(spec))

    @property
    def scales(self) -> tuple[EvidenceScale, ...]:
        """Every scale of the spec, in file order."""
        return self.spec.build_scales()

    @hookimpl
    def prevcat_register_importers(self, register: Callable[[Importer], None]) -> None:
        register(self.importer_class())

    @hookimpl
    def prevcat_register_evidence_scales(self, register: Callable[[EvidenceScale], None]) -> None:
        for scale in self.scales:
            register(scale)

    def __repr__(self) -> str:
        return f"<RegistryPlugin {self.spec.key!r} from {self.spec.package}>"
