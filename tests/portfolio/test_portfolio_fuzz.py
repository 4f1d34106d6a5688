"""Any TOML-shaped input gives a portfolio or located data errors, never a crash."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from prevcat.errors import DataErrors
from prevcat.portfolio import Portfolio, parse_portfolio
from prevcat.portfolio.load import METHOD_KEYS, PORTFOLIO_KEYS

_scalars = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["SE", "no", "sv", "13-17", "18+", "school", "coordination", "low", "xchange:stad", ""]),
    st.integers(min_value=-5, max_value=3000),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates().map(lambda d: dt.datetime(d.year, d.month, d.day)),
)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=2),
    max_leaves=6,
)
_method = st.dictionaries(st.sampled_from([*METHOD_KEYS, "nam", "setting"]), _values, max_size=6)
_portfolio = st.fixed_dictionaries(
    {},
    optional={
        **{key: _values for key in PORTFOLIO_KEYS if key != "methods"},
        "methods": st.lists(_method, max_size=4) | _values,
        "town": _values,
    },
)


@settings(max_examples=300, deadline=None)
@given(_portfolio)
def test_any_input_gives_a_portfolio_or_data_errors(data: dict[str, Any]) -> None:
    try:
        portfolio = parse_portfolio(data, file="x.toml")
    except DataErrors as errors:
        assert errors.errors
        for error in errors.errors:
            assert error.file == "x.toml" and error.path
    else:
        assert isinstance(portfolio, Portfolio) and portfolio.entries
