"""Fixtures shared by the core's tests: the bundled catalogues linked once, and headless Chromium.

Plugin authors' fixtures (an importer's snapshot result, a strict plugin manager, a catalogue file
writer) come from the ``prevcat.testing`` pytest plugin, registered for every test run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from prevcat.catalogue import Library
    from prevcat.linking import Crosswalk

ROOT = Path(__file__).resolve().parents[1]

_CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)


class Chromium:
    """Debian's headless Chromium, started the way this machine allows (no network, a new profile)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def _run(self, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
        command = [self.path, *_CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)

    def screenshot(self, url: str, png: Path, *, width: int = 1280, height: int = 2000) -> bytes:
        """A PNG of ``url`` at ``width`` × ``height``; its bytes (the test fails when none is written)."""
        done = self._run(png.parent / f"{png.stem}-profile", f"--screenshot={png}",
                         f"--window-size={width},{height}", url)
        assert png.exists(), f"Chromium wrote no screenshot: {done.stderr[-2000:]}"
        data = png.read_bytes()
        keep = os.environ.get("PREVCAT_SCREENS_DIR")
        if keep:  # keep the pictures for a person to look at
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(png, Path(keep) / png.name)
        return data

    def dom(self, url: str, profile: Path) -> str:
        """The page's DOM after its scripts ran (with two seconds of virtual time)."""
        done = self._run(profile, "--virtual-time-budget=2000", "--dump-dom", url)
        assert "<html" in done.stdout.lower(), done.stderr[-2000:]
        return done.stdout


def find_chromium() -> str | None:
    """Debian's ``/usr/bin/chromium``, else one on PATH, else None."""
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium() -> Chromium:
    """Headless Chromium; the test is skipped where it is not installed."""
    path = find_chromium()
    if path is None:
        pytest.skip("Chromium is not installed")
    return Chromium(path)


@pytest.fixture
def plugin_site(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The test plugins of ``tests/data/plugins/site`` importable, the plugin environment variables
    unset, and only prevcat's own built-in plugin registered by default (a fresh manager each test)."""
    from prevcat.plugins import reset_plugin_manager

    monkeypatch.syspath_prepend(str(ROOT / "tests" / "data" / "plugins" / "site"))
    monkeypatch.setattr("prevcat.plugins.loading.DEFAULT_PLUGINS", ("prevcat.plugins.builtins",))
    for var in ("PREVCAT_LOAD_PLUGINS", "PREVCAT_STRICT_PLUGINS", "PREVCAT_PLUGINS_DIR"):
        monkeypatch.delenv(var, raising=False)
    reset_plugin_manager()
    yield
    reset_plugin_manager()


@pytest.fixture(scope="session")
def bundled_library() -> Library:
    """Every bundled catalogue of every installed plugin."""
    import prevcat

    return prevcat.load_library()


@pytest.fixture(scope="session")
def bundled_crosswalk(bundled_library: Library) -> Crosswalk:
    """The bundled catalogues linked once per test run (programmes and variants)."""
    import prevcat

    return prevcat.link(bundled_library)
