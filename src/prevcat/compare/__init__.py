"""Compare city portfolios: shared methods, evidence profiles, coverage and gaps, transferability,
recommendations.

``compare(resolved, library=..., crosswalk=...)`` returns a frozen :class:`Comparison`;
:func:`compare_files` loads, resolves and compares portfolio files in one call.
"""

from __future__ import annotations

from prevcat.compare.core import compare
from prevcat.compare.files import compare_files, find_portfolios, portfolio_city
from prevcat.compare.model import Comparison
from prevcat.compare.scoring import score_recommendation
from prevcat.compare.transfer import locality

__all__ = [
    "Comparison",
    "compare",
    "compare_files",
    "find_portfolios",
    "locality",
    "portfolio_city",
    "score_recommendation",
]
