"""Filling a plugin manager: built-in modules, entry points one at a time, a plugins folder."""

from __future__ import annotations

import contextlib
import difflib
import importlib
import importlib.util
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from types import FrameType

import pluggy

from prevcat.plugins import hookspecs
from prevcat.plugins.records import PluginInfo, PluginProblem

#: the entry-point group plugins declare themselves in
ENTRY_POINT_GROUP = "prevcat"

#: modules of prevcat itself that are registered as plugins, always
DEFAULT_PLUGINS: tuple[str, ...] = ("prevcat.plugins.builtins",)

_TRUE = {"1", "true", "yes", "on"}


def _normalise_name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower().strip()


def describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class PluginTimeout(BaseException):
    """A plugin call ran past the plugin timeout (a BaseException, so ``except Exception`` in a
    plugin cannot swallow it)."""


_timeout: float | None = None


def set_plugin_timeout(seconds: float | None) -> None:
    """Limit every plugin call (a hook, reading a snapshot) to ``seconds``; None or 0: no limit.

    Without a call, ``PREVCAT_PLUGIN_TIMEOUT`` (seconds) is used where set.  The limit works in
    the main thread on systems with ``SIGALRM`` (Linux, macOS) and interrupts Python code; a
    plugin blocked inside a C call ends when that call returns.
    """
    global _timeout
    if seconds is not None and seconds < 0:
        raise ValueError(f"a plugin timeout is a number of seconds >= 0, got {seconds}")
    _timeout = seconds or None


def plugin_timeout() -> float | None:
    """The plugin timeout in seconds, or None (no limit)."""
    if _timeout is not None:
        return _timeout
    value = os.environ.get("PREVCAT_PLUGIN_TIMEOUT", "").strip()
    try:
        seconds = float(value) if value else 0.0
    except ValueError:
        return None
    return seconds if seconds > 0 else None


@contextlib.contextmanager
def time_limit(what: str) -> Iterator[None]:
    """Raise :class:`PluginTimeout` in the block when it runs past :func:`plugin_timeout`."""
    seconds = plugin_timeout()
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if seconds is None or not usable:
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise PluginTimeout(
            f"{what} took longer than {seconds:g} s (the plugin timeout); it was stopped"
        )

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class PluginInterrupted(KeyboardInterrupt):
    """Ctrl-C while a plugin was running: says which plugin, then ends the program as Ctrl-C does."""


def interrupted(exc: KeyboardInterrupt, plugin: str, what: str) -> KeyboardInterrupt:
    """The interrupt to raise for Ctrl-C during a plugin call: it names the plugin."""
    if isinstance(exc, PluginInterrupted):
        return exc
    return PluginInterrupted(f"plugin {plugin!r} was running ({what})")


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


def is_strict(strict: bool | None) -> bool:
    if strict is not None:
        return strict
    return os.environ.get("PREVCAT_STRICT_PLUGINS", "").strip().lower() in _TRUE


class Loaded:
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
            self.problem(name, describe(exc), "registration")
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


def _load_entry_points(loaded: Loaded, only: tuple[str, ...] | None) -> None:
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
            loaded.problem(name, f"cannot import {ep.value!r}: {describe(exc)}", "import")
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


def _load_directory(loaded: Loaded, directory: str) -> None:
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
            loaded.problem(name, f"cannot import {path}: {describe(exc)}", "import")
            continue
        loaded.register(module, PluginInfo(name=name, kind="directory", module=str(path)))


def register_builtin(module_name: str) -> None:
    """Register ``module_name`` as a built-in plugin of every manager built from now on.

    Called by the public facade for built-in plugins that live above this layer (the shipped
    linking glossary), so that this layer never imports them by name itself.
    """
    global DEFAULT_PLUGINS
    if module_name not in DEFAULT_PLUGINS:
        DEFAULT_PLUGINS = (*DEFAULT_PLUGINS, module_name)


def prevcat_version() -> str:
    try:
        return metadata.version("prevcat")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"


def _load_builtins(loaded: Loaded) -> None:
    __version__ = prevcat_version()
    for module_name in DEFAULT_PLUGINS:
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:
            loaded.problem(module_name, f"cannot import: {describe(exc)}", "import")
            continue
        loaded.register(
            module, PluginInfo(name=module_name, kind="builtin", module=module_name, version=__version__)
        )


def build(plugins_dir: str | None, only: tuple[str, ...] | None) -> Loaded:
    loaded = Loaded()
    _load_builtins(loaded)
    _load_entry_points(loaded, only)
    if plugins_dir is not None:
        _load_directory(loaded, plugins_dir)
    loaded.check_pending()
    return loaded


def plugin_key(plugins_dir: str | Path | None) -> tuple[str | None, tuple[str, ...] | None]:
    """What a cached manager depends on: the plugins folder and ``PREVCAT_LOAD_PLUGINS``."""
    return (_resolve_dir(plugins_dir), _env_load_plugins())
