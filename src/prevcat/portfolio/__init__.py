"""City portfolios: the portfolio file (TOML) and resolution of local names to registry methods.

>>> portfolio = load_portfolio("examples/portfolios/orebro.toml")  # doctest: +SKIP
>>> resolved = resolve_portfolio(portfolio, library=prevcat.load_library())  # doctest: +SKIP
>>> [(r.entry.name, r.status.value, r.intervention_id) for r in resolved.entries]  # doctest: +SKIP

The file format is documented in ``docs/portfolios.md``.
"""

from __future__ import annotations

from prevcat.portfolio.load import load_portfolio, parse_portfolio
from prevcat.portfolio.model import LocalClassification, Portfolio, PortfolioEntry
from prevcat.portfolio.resolve import Candidate, ResolvedEntry, ResolvedPortfolio, Status, resolve_portfolio

__all__ = [
    "Candidate",
    "LocalClassification",
    "Portfolio",
    "PortfolioEntry",
    "ResolvedEntry",
    "ResolvedPortfolio",
    "Status",
    "load_portfolio",
    "parse_portfolio",
    "resolve_portfolio",
]
