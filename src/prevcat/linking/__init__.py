"""Linking: the same method across registries, countries and languages.

* :func:`link` groups every catalogue's interventions into clusters (one method each),
  with scored, explained links; curated overrides are applied last.
* :func:`resolve` maps free-text names (as cities write them) onto entries and clusters.
* :func:`evaluate` compares a crosswalk with a gold standard (pairwise precision/recall/F1).
"""

from __future__ import annotations

from prevcat.linking.cluster import Cluster, Link
from prevcat.linking.crosswalk import Crosswalk, Explanation, link
from prevcat.linking.evaluate import Evaluation, evaluate, read_gold
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
    "Link",
    "NameForm",
    "Override",
    "Overrides",
    "Resolution",
    "Resolver",
    "evaluate",
    "link",
    "read_gold",
    "resolve",
    "review_rows",
    "write_review_sheet",
]
