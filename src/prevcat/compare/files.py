"""Comparing portfolio files in one call, and finding portfolio files by the city they describe."""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from prevcat.catalogue import Library
from prevcat.compare.core import compare
from prevcat.compare.inputs import CrosswalkLike
from prevcat.compare.model import Comparison
from prevcat.errors import PrevcatError
from prevcat.model import Domain
from prevcat.portfolio import load_portfolio, resolve_portfolio

__all__ = ["compare_files", "find_portfolios", "portfolio_city"]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().strip()


def portfolio_city(path: str | Path) -> str | None:
    """The ``city`` a portfolio file declares, or None when the file has none or cannot be read."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError):
        return None
    city = data.get("city")
    return city if isinstance(city, str) else None


def find_portfolios(directory: str | Path, cities: Iterable[str] | None = None) -> list[Path]:
    """Portfolio files (``*.toml``) in ``directory`` by the ``city`` inside them, in the order asked.

    With ``cities`` None, every portfolio file, sorted by city.  A city with no file (or two
    files) is an error naming the cities that are there.
    """
    by_city: dict[str, list[Path]] = {}
    names: dict[str, str] = {}
    for path in sorted(Path(directory).glob("*.toml")):
        city = portfolio_city(path)
        if city:
            by_city.setdefault(_fold(city), []).append(path)
            names[_fold(city)] = city
    if cities is None:
        return [by_city[key][0] for key in sorted(by_city, key=lambda k: names[k])]
    out = []
    for city in cities:
        found = by_city.get(_fold(city), [])
        if len(found) != 1:
            problem = "no portfolio file" if not found else f"{len(found)} portfolio files"
            known = ", ".join(sorted(names.values())) or "none"
            raise PrevcatError(f"{problem} for city {city!r} in {directory}; cities there: {known}")
        out.append(found[0])
    return out


def compare_files(
    paths: Sequence[str | Path],
    *,
    library: Library,
    crosswalk: CrosswalkLike | None = None,
    max_recommendations: int = 10,
    domains: Sequence[Domain] | None = None,
) -> Comparison:
    """Load, resolve and compare portfolio files against ``library`` (linked once when no crosswalk).

    ``library`` is every catalogue to compare against: ``prevcat.load_library()`` for the
    installed ones.
    """
    if crosswalk is None:
        from prevcat.linking import link

        crosswalk = link(library)
    real_crosswalk: Any = crosswalk
    resolved = [
        resolve_portfolio(load_portfolio(path), library=library, crosswalk=real_crosswalk) for path in paths
    ]
    return compare(
        resolved, library=library, crosswalk=crosswalk, max_recommendations=max_recommendations,
        domains=domains,
    )
