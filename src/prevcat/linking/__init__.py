"""Linking: the same method across registries, countries and languages.

* :func:`link` groups every catalogue's interventions into programmes (the method a
  coordinator names) and their variants (what a registry rates on its own: a level, an age
  version, a format), with scored, explained links; curated overrides are applied last.
* :func:`resolve` maps free-text names (as cities write them) onto entries, programmes and,
  when the name says which, variants.
* :func:`evaluate` compares a crosswalk with a gold standard (pairwise precision/recall/F1 at
  programme and variant level).

The library and the glossary are arguments: :func:`prevcat.link` and the CLI fill in every
installed catalogue.

The names below are imported when first used (PEP 562): importing a light module of the
package (the glossary, for the built-in glossary plugin) does not load rapidfuzz, numpy and
the scorers.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prevcat.linking.cluster import Cluster, Link
    from prevcat.linking.crosswalk import Crosswalk, Explanation, link
    from prevcat.linking.evaluate import Evaluation, Gold, evaluate, read_gold, read_gold_levels
    from prevcat.linking.glossary import Glossary
    from prevcat.linking.match import LINK_THRESHOLD, RESOLVE_THRESHOLD
    from prevcat.linking.normalize import NameForm
    from prevcat.linking.overrides import Override, Overrides
    from prevcat.linking.resolve import Candidate, Resolution, Resolver, resolve, resolve_stream
    from prevcat.linking.review import review_rows, write_review_sheet

#: where each public name lives
_HOME = {
    "Cluster": "cluster",
    "Link": "cluster",
    "Crosswalk": "crosswalk",
    "Explanation": "crosswalk",
    "link": "crosswalk",
    "Evaluation": "evaluate",
    "Gold": "evaluate",
    "evaluate": "evaluate",
    "read_gold": "evaluate",
    "read_gold_levels": "evaluate",
    "Glossary": "glossary",
    "LINK_THRESHOLD": "match",
    "RESOLVE_THRESHOLD": "match",
    "NameForm": "normalize",
    "Override": "overrides",
    "Overrides": "overrides",
    "Candidate": "resolve",
    "Resolution": "resolve",
    "Resolver": "resolve",
    "resolve": "resolve",
    "resolve_stream": "resolve",
    "review_rows": "review",
    "write_review_sheet": "review",
}

__all__ = [
    "LINK_THRESHOLD",
    "RESOLVE_THRESHOLD",
    "Candidate",
    "Cluster",
    "Crosswalk",
    "Evaluation",
    "Explanation",
    "Glossary",
    "Gold",
    "Link",
    "NameForm",
    "Override",
    "Overrides",
    "Resolution",
    "Resolver",
    "evaluate",
    "link",
    "read_gold",
    "read_gold_levels",
    "resolve",
    "resolve_stream",
    "review_rows",
    "write_review_sheet",
]


#: functions named like the module that holds them: importing the module must not hide them
_SHADOWED = frozenset({"resolve", "evaluate"})


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SHADOWED and isinstance(value, types.ModuleType):
            value = getattr(value, name)  # the import system binds the submodule: keep the function
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'prevcat.linking' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"prevcat.linking.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
