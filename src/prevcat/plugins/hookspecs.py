"""The hooks a prevcat plugin can implement.

Every hook is register-callback style: the plugin calls ``register(...)`` once per thing it
provides, and prevcat validates each registration and rejects clashes with a message
naming both plugins.  Hooks stay thin: the work happens in plain classes that can be
tested without pluggy.

Implement them with ``from prevcat import hookimpl``::

    @hookimpl
    def prevcat_register_importers(register):
        register(MyRegistryImporter())
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from prevcat.evidence import EvidenceScale
    from prevcat.importers.base import Importer

hookspec = pluggy.HookspecMarker("prevcat")
hookimpl = pluggy.HookimplMarker("prevcat")


@hookspec
def prevcat_register_importers(register: Callable[[Importer], None]) -> None:
    """Register importers: ``register(importer)`` once per source or file format.

    An importer is an instance of :class:`prevcat.importers.base.Importer`.  Its ``key`` is
    the source key, the prefix of every intervention id it produces; keys are unique across
    all installed plugins.
    """


@hookspec
def prevcat_register_evidence_scales(register: Callable[[EvidenceScale], None]) -> None:
    """Register native evidence scales: ``register(scale)`` once per scale version.

    A scale is an :class:`prevcat.evidence.EvidenceScale`; the pair ``(id, version)`` is
    unique across all installed plugins.  Every rating an importer produces must name a
    registered scale.
    """


@hookspec
def prevcat_register_glossary(register: Callable[[str, Mapping[str, str]], None]) -> None:
    """Register multilingual terms for linking: ``register(language, {term: concept})``.

    ``language`` is a language tag (``sv``, ``nb``, ``de``...); each term maps to a concept
    key shared across languages (``"föräldrar": "parent"``, ``"Eltern": "parent"``), so that
    translated names of one method can meet.  A term registered twice for one language with
    different concepts is rejected.
    """
