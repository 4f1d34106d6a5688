"""Calling the registration hooks: every registration validated, owned, and isolated.

A hook that raises anything, ``SystemExit`` and the plugin timeout included, is a
:class:`PluginProblem` naming the plugin; Ctrl-C still ends the program, naming the plugin."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from prevcat.evidence import EvidenceScale
from prevcat.importers.base import Importer
from prevcat.model import LANGUAGE_TAG, SOURCE_KEY
from prevcat.plugins.loading import Loaded, PluginTimeout, describe, interrupted, time_limit
from prevcat.plugins.records import PluginInfo, PluginProblem, Registrations


class _Collector:
    """Receives registrations, validates them, and records who registered what."""

    def __init__(self, problems: list[PluginProblem]) -> None:
        self.importers: dict[str, Importer] = {}
        self.scales: dict[tuple[str, str], EvidenceScale] = {}
        self.glossary: dict[str, dict[str, str]] = {}
        self.glossary_keys: dict[tuple[str, str], tuple[str, str]] = {}  # (lang, folded) -> (term, plugin)
        self.owners: dict[str, str] = {}
        self.languages: dict[str, list[str]] = {}
        self.problems = problems

    def reject(self, plugin: str, error: str) -> None:
        self.problems.append(PluginProblem(plugin=plugin, error=error, stage="registration"))

    def add_importer(self, plugin: str, importer: object) -> None:
        if not isinstance(importer, Importer):
            self.reject(
                plugin, f"register() expects an Importer, got {type(importer).__name__}: {importer!r}"
            )
            return
        key = getattr(importer, "key", None)
        if not isinstance(key, str) or not SOURCE_KEY.match(key):
            self.reject(
                plugin,
                f"importer {type(importer).__name__} has key {key!r}; a key is lower-case letters, "
                "digits, '-' or '_' (e.g. 'xchange')",
            )
            return
        title = getattr(importer, "title", None)
        if not isinstance(title, str) or not title.strip():
            self.reject(plugin, f"importer {key!r} has no title")
            return
        formats = getattr(importer, "formats", None)
        if (
            not isinstance(formats, tuple)
            or not formats
            or not all(isinstance(f, str) and f for f in formats)
        ):
            self.reject(
                plugin, f"importer {key!r}: formats must be a non-empty tuple of suffixes, got {formats!r}"
            )
            return
        owner_key = f"importer:{key}"
        if owner_key in self.owners:
            self.reject(
                plugin,
                f"importer key {key!r} is registered by both plugin {self.owners[owner_key]!r} and "
                f"plugin {plugin!r}; the one from {plugin!r} is ignored (uninstall one of them)",
            )
            return
        self.importers[key] = importer
        self.owners[owner_key] = plugin

    def add_scale(self, plugin: str, scale: object) -> None:
        if not isinstance(scale, EvidenceScale):
            self.reject(
                plugin, f"register() expects an EvidenceScale, got {type(scale).__name__}: {scale!r}"
            )
            return
        ident = f"{scale.id}@{scale.version}"
        if not scale.version.strip() or "@" in scale.id or "@" in scale.version:
            self.reject(plugin, f"scale {ident!r}: id and version must be non-empty and contain no '@'")
            return
        owner_key = f"scale:{ident}"
        if owner_key in self.owners:
            self.reject(
                plugin,
                f"evidence scale {ident!r} is registered by both plugin {self.owners[owner_key]!r} and "
                f"plugin {plugin!r}; the one from {plugin!r} is ignored",
            )
            return
        self.scales[(scale.id, scale.version)] = scale
        self.owners[owner_key] = plugin

    def add_glossary(self, plugin: str, language: object, terms: object) -> None:
        if not isinstance(language, str) or not LANGUAGE_TAG.match(language):
            self.reject(
                plugin, f"glossary language {language!r} is not a language tag (e.g. 'sv', 'nb', 'de')"
            )
            return
        if not isinstance(terms, Mapping):
            self.reject(plugin, f"glossary for {language!r}: expected a mapping of term to concept, "
                                f"got {type(terms).__name__}")
            return
        entries = self.glossary.setdefault(language, {})
        for term, concept in terms.items():
            valid = isinstance(term, str) and term.strip() and isinstance(concept, str) and concept.strip()
            if not valid:
                self.reject(plugin, f"glossary {language!r}: term {term!r} -> {concept!r}: "
                                    "terms and concepts must be non-empty strings")
                continue
            folded = " ".join(term.split()).casefold()
            previous = self.glossary_keys.get((language, folded))
            if previous is not None:
                first_term, first_plugin = previous
                if entries[first_term] != concept:
                    self.reject(
                        plugin,
                        f"glossary term {term!r} ({language}) is {entries[first_term]!r} in plugin "
                        f"{first_plugin!r} but {concept!r} in plugin {plugin!r}; the latter is ignored",
                    )
                continue
            entries[term] = concept
            self.glossary_keys[(language, folded)] = (term, plugin)
            self.owners.setdefault(f"glossary:{language}", plugin)
            languages = self.languages.setdefault(plugin, [])
            if language not in languages:
                languages.append(language)


def call_hooks(loaded: Loaded) -> Registrations:
    problems = list(loaded.problems)
    collector = _Collector(problems)
    order = {name: index for index, name in enumerate(loaded.order)}
    specs: list[tuple[str, Callable[[str, tuple[Any, ...]], None], int]] = [
        ("prevcat_register_importers", lambda p, a: collector.add_importer(p, *a), 1),
        ("prevcat_register_evidence_scales", lambda p, a: collector.add_scale(p, *a), 1),
        ("prevcat_register_glossary", lambda p, a: collector.add_glossary(p, *a), 2),
    ]
    hooks_of: dict[str, list[str]] = {name: [] for name in loaded.order}
    for hook_name, accept, arity in specs:
        caller = getattr(loaded.pm.hook, hook_name)
        impls = sorted(caller.get_hookimpls(), key=lambda i: order.get(i.plugin_name, len(order)))
        for impl in impls:
            plugin = impl.plugin_name
            hooks_of.setdefault(plugin, []).append(hook_name)
            if impl.hookwrapper or impl.wrapper:
                collector.reject(plugin, f"{hook_name}: hook wrappers are not supported")
                continue
            staged: list[tuple[Any, ...]] = []

            def register(*args: Any, _staged: list[tuple[Any, ...]] = staged, _n: int = arity,
                         _hook: str = hook_name) -> None:
                if len(args) != _n:
                    raise TypeError(f"register() in {_hook} takes {_n} argument(s), got {len(args)}")
                _staged.append(args)

            try:
                with time_limit(f"{hook_name} of plugin {plugin!r}"):
                    impl.function(*[register for _ in impl.argnames])
            except KeyboardInterrupt as exc:
                raise interrupted(exc, plugin, hook_name) from None
            except (Exception, SystemExit, PluginTimeout) as exc:
                problems.append(
                    PluginProblem(plugin=plugin, error=f"{hook_name} raised {describe(exc)}", stage="hook")
                )
                continue
            for args in staged:
                accept(plugin, args)
    infos = [
        PluginInfo(
            name=info.name,
            kind=info.kind,
            module=info.module,
            version=info.version,
            distribution=info.distribution,
            hooks=tuple(hooks_of.get(info.name, ())),
        )
        for info in (loaded.infos[name] for name in loaded.order)
    ]
    return Registrations(
        importers=collector.importers,
        scales=collector.scales,
        glossary={lang: MappingProxyType(terms) for lang, terms in collector.glossary.items()},
        owners=collector.owners,
        problems=problems,
        plugins=infos,
        glossary_languages={plugin: tuple(langs) for plugin, langs in collector.languages.items()},
    )
