"""Compare Göteborg, Örebro, Ale, Oslo and Stockholm: shared methods, evidence, gaps, recommendations.

Run with no arguments: prints an overview and writes an HTML report to out/nordic_cities.html
(under the repository root).  ``--out FILE`` writes the report elsewhere.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import prevcat
from prevcat.compare import compare_files, find_portfolios
from prevcat.errors import PrevcatError
from prevcat.io.output import write_output
from prevcat.render.html import render_html
from prevcat.render.summary import render_summary

ROOT = Path(__file__).resolve().parent.parent
PORTFOLIOS = Path(__file__).resolve().parent / "portfolios"
CITIES = ("Göteborg", "Örebro", "Ale", "Oslo", "Stockholm")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT / "out" / "nordic_cities.html"
    parser.add_argument("--out", type=Path, default=default, help="HTML report path")
    parser.add_argument("--lang", choices=("sv", "nb", "en"), default="en", help="report language")
    args = parser.parse_args()

    comparison = compare_files(find_portfolios(PORTFOLIOS, CITIES), library=prevcat.load_library())
    print("Nordic cities: " + ", ".join(CITIES) + "\n")
    print(render_summary(comparison, recommendations=3))
    title = "Nordic cities: " + ", ".join(CITIES)
    write_output(args.out, render_html(comparison, title=title, lang=args.lang))
    print(f"HTML report: {args.out}")


if __name__ == "__main__":
    try:
        main()
    except PrevcatError as exc:
        sys.exit(f"Error: {exc}")
