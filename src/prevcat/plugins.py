"""The plugin manager: built-in plugins, entry points, a plugins folder, and isolation.

Plugins are loaded one at a time and every hook implementation is called on its own, so
one broken plugin never stops the others: a plugin that fails to import, raises in a hook,
implements a misspelled hook or registers something invalid becomes a
:class:`PluginProblem` naming the plugin.  The CLI warns about problems; library calls
raise :class:`~prevcat.errors.PluginError` in strict mode (``strict=True`` or
``PREVCAT_STRICT_PLUGINS=1``).

Environment:

* ``PREVCAT_LOAD_PLUGINS=a,b`` loads only these entry-point plugins (distribution or entry
  point names; set but empty: none).  Built-in plugins always load.
* ``PREVCAT_PLUGINS_DIR=DIR`` also loads every ``*.py`` module in ``DIR`` as a plugin.
* ``PREVCAT_STRICT_PLUGINS=1`` makes every problem an error.
"""

from __future__ import annotations

import difflib
import importlib
import importlib.util
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from importlib import metadata
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pluggy
from attrs import field, frozen

from prevcat import hookspecs
from prevcat.catalogue import Catalogue, Library
from prevcat.errors import PluginError, PrevcatError, UnknownScaleError
from prevcat.evidence import EvidenceScale
from prevcat.importers.base import Importer, ImportReport, ImportResult

__all__ = [
    "DEFAULT_PLUGINS",
    "ENTRY_POINT_GROUP",
    "AmbiguousScaleError",
    "LoadedLibrary",
    "PluginInfo",
    "PluginProblem",
    "Registry",
    "find_scale",
    "get_glossary",
    "get_importers",
    "get_plugin_manager",
    "get_plugins",
    "get_registry",
    "get_scales",
    "load_catalogues",
    "load_library",
    "pick_scale",
    "reset_plugin_manager",
]

#: the entry-point group plugins declare themselves in
ENTRY_POINT_GROUP = "prevcat"


def _default_plugins() -> tuple[str, ...]:
    plugins = ["prevcat.importers.builtin"]
    if (Path(__file__).parent / "linking" / "glossary_plugin.py").is_file():
        plugins.append("prevcat.linking.glossary_plugin")
    return tuple(plugins)


#: modules of prevcat itself that are registered as plugins, always
DEFAULT_PLUGINS: tuple[str, ...] = _default_plugins()

_SOURCE_KEY_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_TRUE = {"1", "true", "yes", "on"}


# -- public records ----------------------------------------------------------------------


@frozen
class PluginProblem:
    """A plugin that could not be loaded or used, and why.

    ``stage`` is ``import`` (the module or entry point failed to load), ``registration``
    (pluggy rejected the plugin, e.g. a misspelled hook, or a registered item was invalid or
    clashed), ``hook`` (a hook raised) or ``snapshot`` (an importer could not read its
    bundled snapshot).
    """

    plugin: str
    error: str
    stage: str

    def __str__(self) -> str:
        return f"plugin {self.plugin!r} ({self.stage}): {self.error}"


@frozen
class PluginInfo:
    """One loaded plugin: its name, where it came from and what it implements."""

    name: str
    kind: str  #: ``builtin``, ``entrypoint`` or ``directory``
    module: str
    version: str | None = None
    distribution: str | None = None
    hooks: tuple[str, ...] = ()


def _frozen_map(value: Mapping[Any, Any]) -> Mapping[Any, Any]:
    return MappingProxyType(dict(value))


def _problem_tuple(values: Iterable[PluginProblem]) -> tuple[PluginProblem, ...]:
    return tuple(values)


def _info_tuple(values: Iterable[PluginInfo]) -> tuple[PluginInfo, ...]:
    return tuple(values)


@frozen
class Registry:
    """Everything the loaded plugins registered, who registered it, and what went wrong.

    ``owners`` maps ``importer:<key>``, ``scale:<id>@<version>`` and ``glossary:<lang>`` to
    the plugin that registered it (for a language, the first plugin to add terms to it);
    ``glossary_languages`` gives, per plugin, every language it added terms to.
    """

    importers: Mapping[str, Importer] = field(converter=_frozen_map)
    scales: Mapping[tuple[str, str], EvidenceScale] = field(converter=_frozen_map)
    glossary: Mapping[str, Mapping[str, str]] = field(converter=_frozen_map)
    owners: Mapping[str, str] = field(converter=_frozen_map)
    problems: tuple[PluginProblem, ...] = field(default=(), converter=_problem_tuple)
    plugins: tuple[PluginInfo, ...] = field(default=(), converter=_info_tuple)
    glossary_languages: Mapping[str, tuple[str, ...]] = field(factory=dict, converter=_frozen_map)

    def owner(self, kind: str, key: str) -> str | None:
        """The plugin that registered ``importer``/``scale``/``glossary`` ``key``."""
        return self.owners.get(f"{kind}:{key}")

    def registered_by(self, plugin: str) -> dict[str, list[str]]:
        """What one plugin registered: ``{"importers": [...], "scales": [...], "glossary": [...]}``."""
        found: dict[str, list[str]] = {"importers": [], "scales": [], "glossary": []}
        names = {"importer": "importers", "scale": "scales"}
        for key, owner in self.owners.items():
            kind, _, item = key.partition(":")
            if owner == plugin and kind in names:
                found[names[kind]].append(item)
        found["glossary"] = list(self.glossary_languages.get(plugin, ()))
        return found


@frozen
class LoadedLibrary:
    """Every bundled snapshot read into one library, with each import's report and the problems."""

    library: Library
    reports: Mapping[str, ImportReport] = field(converter=_frozen_map)
    problems: tuple[PluginProblem, ...] = field(default=(), converter=_problem_tuple)


# -- loading ---------------------------------------------------------------------------------


def _normalise_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().strip()


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _env_load_plugins() -> tuple[str, ...] | None:
    value = os.environ.get("PREVCAT_LOAD_PLUGINS")
    if value is None:
        return None
    return tuple(_normalise_name(n) for n in value.split(",") if n.strip())


def _resolve_dir(plugins_dir: str | Path | None) -> str | None:
    if plugins_dir is None:
        plugins_dir = os.environ.get("PREVCAT_PLUGINS_DIR") or None
    if plugins_dir is None:
        return None
    return str(Path(plugins_dir).resolve())


def _is_strict(strict: bool | None) -> bool:
    if strict is not None:
        return strict
    return os.environ.get("PREVCAT_STRICT_PLUGINS", "").strip().lower() in _TRUE


class _Loaded:
    """A plugin manager with what was learnt while filling it."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
        self.pm.add_hookspecs(hookspecs)
        self.problems: list[PluginProblem] = []
        self.infos: dict[str, PluginInfo] = {}
        self.order: list[str] = []

    def problem(self, plugin: str, error: str, stage: str) -> None:
        self.problems.append(PluginProblem(plugin=plugin, error=error, stage=stage))

    def register(self, module: object, info: PluginInfo) -> None:
        name = info.name
        if name in self.infos:
            self.problem(name, f"a plugin named {name!r} is already loaded ({self.infos[name].module})",
                         "registration")
            return
        try:
            self.pm.register(module, name=name)
        except Exception as exc:  # pluggy's PluginValidationError, ValueError for repeats
            self.problem(name, _describe(exc), "registration")
            return
        self.infos[name] = info
        self.order.append(name)

    def check_pending(self) -> None:
        """Report (and unregister) every plugin implementing a hook prevcat does not define."""
        known = sorted(n for n in dir(hookspecs) if n.startswith("prevcat_"))
        while True:
            try:
                self.pm.check_pending()
            except pluggy.PluginValidationError as exc:
                name = self.pm.get_name(exc.plugin) or repr(exc.plugin)
                bad = [
                    hook for hook in _hookimpl_names(exc.plugin)
                    if hook not in known
                ]
                hints = []
                for hook in bad:
                    near = difflib.get_close_matches(hook, known, n=1)
                    hints.append(f"unknown hook {hook!r}" + (f" (did you mean {near[0]!r}?)" if near else ""))
                message = "; ".join(hints) or str(exc)
                self.problem(name, f"{message}; the plugin was not loaded", "registration")
                self.pm.unregister(exc.plugin)
                if name in self.infos:
                    del self.infos[name]
                    self.order.remove(name)
            else:
                return


def _hookimpl_names(plugin: object) -> list[str]:
    names = []
    for attr in dir(plugin):
        try:
            value = getattr(plugin, attr)
        except Exception:  # pragma: no cover - properties raising on a plugin object
            continue
        if hasattr(value, f"{ENTRY_POINT_GROUP}_impl"):
            names.append(attr)
    return names


def _dist_version(dist: metadata.Distribution | None) -> str | None:
    if dist is None:
        return None
    try:
        return dist.version
    except Exception:  # pragma: no cover - broken metadata
        return None


def _entry_points() -> list[tuple[str, metadata.EntryPoint]]:
    """``(plugin name, entry point)`` for every entry point in the group, deduplicated, sorted."""
    seen: set[tuple[str, str, str]] = set()
    found: list[tuple[str, str, metadata.EntryPoint]] = []
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        dist = getattr(ep, "dist", None)
        dist_name = _normalise_name(dist.name) if dist is not None and dist.name else ep.name
        key = (dist_name, ep.name, ep.value)
        if key in seen:
            continue
        seen.add(key)
        found.append((dist_name, ep.name, ep))
    per_dist: dict[str, int] = {}
    for dist_name, _, _ in found:
        per_dist[dist_name] = per_dist.get(dist_name, 0) + 1
    named = [
        (dist_name if per_dist[dist_name] == 1 else f"{dist_name}:{ep_name}", ep)
        for dist_name, ep_name, ep in found
    ]
    return sorted(named, key=lambda item: item[0])


def _load_entry_points(loaded: _Loaded, only: tuple[str, ...] | None) -> None:
    wanted = set(only) if only is not None else None
    matched: set[str] = set()
    for name, ep in _entry_points():
        dist = getattr(ep, "dist", None)
        aliases = {_normalise_name(name), _normalise_name(ep.name)}
        if dist is not None and dist.name:
            aliases.add(_normalise_name(dist.name))
        if wanted is not None:
            hits = aliases & wanted
            if not hits:
                continue
            matched |= hits
        try:
            module = ep.load()
        except BaseException as exc:  # a plugin may even call sys.exit on import
            if isinstance(exc, KeyboardInterrupt):
                raise
            loaded.problem(name, f"cannot import {ep.value!r}: {_describe(exc)}", "import")
            continue
        info = PluginInfo(
            name=name,
            kind="entrypoint",
            module=getattr(module, "__name__", ep.value),
            version=_dist_version(dist),
            distribution=dist.name if dist is not None else None,
        )
        loaded.register(module, info)
    if wanted is not None:
        for missing in sorted(wanted - matched):
            loaded.problem(
                missing, "not installed (named in PREVCAT_LOAD_PLUGINS, no such prevcat plugin)", "import"
            )


def _load_directory(loaded: _Loaded, directory: str) -> None:
    folder = Path(directory)
    if not folder.is_dir():
        loaded.problem(directory, "plugins folder does not exist", "import")
        return
    for path in sorted(folder.glob("*.py")):
        name = path.name
        module_name = f"prevcat_plugins_dir.{re.sub(r'[^0-9A-Za-z_]', '_', path.stem)}"
        try:
            spec = importlib.util.spec_from_file_location(module_name, path)
            if spec is None or spec.loader is None:
                raise ImportError(f"cannot load {path}")
            module = importlib.util.module_from_spec(spec)
            sys.modules[module_name] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:
                sys.modules.pop(module_name, None)
                raise
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            loaded.problem(name, f"cannot import {path}: {_describe(exc)}", "import")
            continue
        loaded.register(module, PluginInfo(name=name, kind="directory", module=str(path)))


def _load_builtins(loaded: _Loaded) -> None:
    from prevcat import __version__

    for module_name in DEFAULT_PLUGINS:
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:
            loaded.problem(module_name, f"cannot import: {_describe(exc)}", "import")
            continue
        loaded.register(
            module, PluginInfo(name=module_name, kind="builtin", module=module_name, version=__version__)
        )


def _build(plugins_dir: str | None, only: tuple[str, ...] | None) -> _Loaded:
    loaded = _Loaded()
    _load_builtins(loaded)
    _load_entry_points(loaded, only)
    if plugins_dir is not None:
        _load_directory(loaded, plugins_dir)
    loaded.check_pending()
    return loaded


_lock = threading.RLock()
_managers: dict[tuple[str | None, tuple[str, ...] | None], _Loaded] = {}
_registries: dict[tuple[str | None, tuple[str, ...] | None], Registry] = {}
_libraries: dict[tuple[str | None, tuple[str, ...] | None], LoadedLibrary] = {}


def _key(plugins_dir: str | Path | None) -> tuple[str | None, tuple[str, ...] | None]:
    return (_resolve_dir(plugins_dir), _env_load_plugins())


def _loaded(plugins_dir: str | Path | None) -> _Loaded:
    key = _key(plugins_dir)
    with _lock:
        if key not in _managers:
            _managers[key] = _build(*key)
        return _managers[key]


def get_plugin_manager(*, plugins_dir: str | Path | None = None) -> pluggy.PluginManager:
    """The (cached) plugin manager: built-ins, entry points, and the plugins folder if any."""
    return _loaded(plugins_dir).pm


def reset_plugin_manager() -> None:
    """Forget every loaded plugin manager, registry and library (for tests)."""
    with _lock:
        _managers.clear()
        _registries.clear()
        _libraries.clear()


# -- calling the hooks ---------------------------------------------------------------------


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
        if not isinstance(key, str) or not _SOURCE_KEY_RE.match(key):
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
        if not isinstance(language, str) or not _LANG_RE.match(language):
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


def _call_hooks(loaded: _Loaded) -> Registry:
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
                impl.function(*[register for _ in impl.argnames])
            except Exception as exc:
                problems.append(
                    PluginProblem(plugin=plugin, error=f"{hook_name} raised {_describe(exc)}", stage="hook")
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
    return Registry(
        importers=collector.importers,
        scales=collector.scales,
        glossary={lang: MappingProxyType(terms) for lang, terms in collector.glossary.items()},
        owners=collector.owners,
        problems=problems,
        plugins=infos,
        glossary_languages={plugin: tuple(langs) for plugin, langs in collector.languages.items()},
    )


def _raise_if_strict(problems: tuple[PluginProblem, ...], strict: bool | None) -> None:
    if problems and _is_strict(strict):
        first, *others = problems
        more = "".join(f"; also {other}" for other in others)
        raise PluginError(first.plugin, f"{first.error} [{first.stage}]{more}")


def get_registry(*, strict: bool | None = None, plugins_dir: str | Path | None = None) -> Registry:
    """Everything the plugins registered (cached); strict mode raises on any plugin problem."""
    key = _key(plugins_dir)
    with _lock:
        registry = _registries.get(key)
        if registry is None:
            registry = _call_hooks(_loaded(plugins_dir))
            _registries[key] = registry
    _raise_if_strict(registry.problems, strict)
    return registry


def get_plugins(
    *, strict: bool | None = None, plugins_dir: str | Path | None = None
) -> tuple[PluginInfo, ...]:
    """The loaded plugins, in load order (built-ins first)."""
    return get_registry(strict=strict, plugins_dir=plugins_dir).plugins


def get_importers(
    *, strict: bool | None = None, plugins_dir: str | Path | None = None
) -> Mapping[str, Importer]:
    """Registered importers by key."""
    return get_registry(strict=strict, plugins_dir=plugins_dir).importers


def get_scales(
    *, strict: bool | None = None, plugins_dir: str | Path | None = None
) -> Mapping[tuple[str, str], EvidenceScale]:
    """Registered evidence scales by ``(id, version)``."""
    return get_registry(strict=strict, plugins_dir=plugins_dir).scales


def get_glossary(
    *, strict: bool | None = None, plugins_dir: str | Path | None = None
) -> Mapping[str, Mapping[str, str]]:
    """Registered glossary terms: ``language -> {term: concept}``."""
    return get_registry(strict=strict, plugins_dir=plugins_dir).glossary


class AmbiguousScaleError(UnknownScaleError):
    """A scale id named without a version where its versions have no order (``factsheet``, ``programs``)."""

    def __init__(self, scale: str, versions: Iterable[str]) -> None:
        self.versions = tuple(sorted(versions))
        PrevcatError.__init__(
            self,
            f"evidence scale {scale!r} has several versions that are not dated or numbered "
            f"({', '.join(self.versions)}); name one, e.g. {scale}@{self.versions[0]}",
        )
        self.scale = scale
        self.known = tuple(f"{scale}@{v}" for v in self.versions)


def _version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    parts = re.findall(r"\d+|[^\d]+", version)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


def pick_scale(
    scales: Mapping[tuple[str, str], EvidenceScale], scale_id: str, version: str | None = None
) -> EvidenceScale:
    """The scale ``scale_id`` (or ``id@version``) among ``scales``.

    Without a version: the only version, or the newest when all versions are numbered or
    dated (``2008``, ``2015``); otherwise :class:`AmbiguousScaleError`.
    """
    scale_id = scale_id.strip()
    if version is None and "@" in scale_id:
        scale_id, version = (part.strip() for part in scale_id.split("@", 1))
    known = [f"{i}@{v}" for i, v in scales]
    if version is not None:
        scale = scales.get((scale_id, version))
        if scale is None:
            raise UnknownScaleError(f"{scale_id}@{version}", known)
        return scale
    versions = [v for i, v in scales if i == scale_id]
    if not versions:
        raise UnknownScaleError(scale_id, known)
    if len(versions) > 1 and not all(v[:1].isdigit() for v in versions):
        raise AmbiguousScaleError(scale_id, versions)
    return scales[(scale_id, max(versions, key=_version_key))]


def find_scale(scale_id: str, version: str | None = None) -> EvidenceScale:
    """A registered scale by id (``ungsinn``, ``ungsinn@2015``); without a version the newest.

    See :func:`pick_scale` for what "newest" means.

    Raises :class:`~prevcat.errors.UnknownScaleError` listing the registered scales.
    """
    return pick_scale(get_scales(), scale_id, version)


# -- bundled catalogues --------------------------------------------------------------------


def _read_snapshots(registry: Registry) -> LoadedLibrary:
    problems: list[PluginProblem] = list(registry.problems)
    catalogues: list[Catalogue] = []
    reports: dict[str, ImportReport] = {}
    for key, importer in registry.importers.items():
        plugin = registry.owner("importer", key) or "?"
        try:
            if importer.snapshot() is None:
                continue
            result = importer.read_snapshot()
            if not isinstance(result, ImportResult):
                raise TypeError(f"read() returned {type(result).__name__}, not an ImportResult")
        except Exception as exc:
            problems.append(PluginProblem(
                plugin=plugin, error=f"importer {key!r} cannot read its snapshot: {_describe(exc)}",
                stage="snapshot",
            ))
            continue
        if result.catalogue.source != key:
            problems.append(PluginProblem(
                plugin=plugin,
                error=f"importer {key!r} returned a catalogue with source {result.catalogue.source!r}",
                stage="snapshot",
            ))
            continue
        unknown = sorted({
            str(r.scale) for item in result.catalogue for r in item.ratings
            if (r.scale.id, r.scale.version) not in registry.scales
        })
        if unknown:
            problems.append(PluginProblem(
                plugin=plugin,
                error=f"importer {key!r}: ratings name scale(s) that no loaded plugin registers: "
                f"{', '.join(unknown)}",
                stage="snapshot",
            ))
        catalogues.append(result.catalogue)
        reports[key] = result.report
    return LoadedLibrary(library=Library.of(catalogues), reports=reports, problems=problems)


def load_catalogues(*, strict: bool | None = None, plugins_dir: str | Path | None = None) -> LoadedLibrary:
    """Every registered importer's bundled snapshot, read into one library (cached per process).

    An importer that fails while reading its snapshot is a :class:`PluginProblem` (stage
    ``snapshot``), not a crash; in strict mode any problem raises :class:`PluginError`.
    """
    key = _key(plugins_dir)
    with _lock:
        loaded = _libraries.get(key)
        if loaded is None:
            loaded = _read_snapshots(get_registry(strict=False, plugins_dir=plugins_dir))
            _libraries[key] = loaded
    _raise_if_strict(loaded.problems, strict)
    return loaded


def load_library(*, strict: bool | None = None, plugins_dir: str | Path | None = None) -> Library:
    """Every bundled catalogue of every installed plugin, as one :class:`Library`."""
    return load_catalogues(strict=strict, plugins_dir=plugins_dir).library
