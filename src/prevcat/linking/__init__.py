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
"""

from __future__ import annotations

from prevcat.linking.cluster import Cluster, Link
from prevcat.linking.crosswalk import Crosswalk, Explanation, link
from prevcat.linking.evaluate import Evaluation, Gold, evaluate, read_gold, read_gold_levels
from prevcat.linking.glossary import Glossary
from prevcat.linking.match import LINK_THRESHOLD, RESOLVE_THRESHOLD
from prevcat.linking.normalize import NameForm
from prevcat.linking.overrides import Override, Overrides
from prevcat.linking.resolve import Candidate, Resolution, Resolver, resolve
from prevcat.linking.review import review_rows, write_review_sheet

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
    "review_rows",
    "write_review_sheet",
]
