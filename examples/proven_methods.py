"""For one city (default Malå): the methods that work which it does not use yet, and who uses them.

    python examples/proven_methods.py            # Malå
    python examples/proven_methods.py Oslo

Every portfolio in examples/portfolios/ is compared, so "who uses them" means any of those
cities.  Prints the list and writes an HTML report to out/proven_methods-<city>.html.
"""

from __future__ import annotations

import argparse
import re
import sys
import textwrap
import unicodedata
from pathlib import Path

import prevcat
from prevcat.compare import compare_files, find_portfolios, portfolio_city
from prevcat.errors import PrevcatError
from prevcat.io.output import write_output
from prevcat.render.document import rating_text
from prevcat.render.html import render_html
from prevcat.render.summary import recommendation_lines

ROOT = Path(__file__).resolve().parent.parent
PORTFOLIOS = Path(__file__).resolve().parent / "portfolios"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "city"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("city", nargs="?", default="Malå", help="the city (as in its portfolio file)")
    parser.add_argument("--out", type=Path, help="HTML report path (default out/proven_methods-<city>.html)")
    parser.add_argument("--top", type=int, default=8, help="how many gap-filling methods to list")
    args = parser.parse_args()

    paths = find_portfolios(PORTFOLIOS)
    (own,) = find_portfolios(PORTFOLIOS, [args.city])
    city = portfolio_city(own) or args.city
    comparison = compare_files(paths, library=prevcat.load_library(), max_recommendations=args.top)
    info = comparison.city(city)
    recs = comparison.recommendations_for(city)

    print(f"{city}: {len(info.methods)} methods in its portfolio; compared with "
          f"{len(comparison.cities) - 1} other cities.\n")
    print("What it uses now:")
    for m in info.methods:
        matched = m.kind.value == "matched"
        evidence = m.range_label if matched else m.kind.value
        print(f"  - {' / '.join(m.local_names)}  →  {m.name if matched else '—'} [{evidence}]")
        for r in m.cautions:
            print(f"      CAUTION: {rating_text(r)}")
    print(f"\nProven methods (effective or better somewhere) that other cities use and {city} does not:")
    if not recs.used_by_peers:
        print("  none")
    for rec in recs.used_by_peers:
        print(f"  - {rec.name}: used by {', '.join(rec.used_by)}")
        if rec.caution:
            print(textwrap.fill("CAUTION: " + rec.caution, 100, initial_indent="      ",
                                subsequent_indent="        "))
    print(f"\nProven methods that would fill {city}'s coverage gaps (best first; within "
          f"{', '.join(d.value.replace('_', ' ') for d in recs.domains)}, with a version near {city}):")
    if not recs.recommendations:
        print("  none")
    for rank, rec in enumerate(recs.recommendations, 1):
        for line in recommendation_lines(rec, rank, reasons=5):
            print(line)
        print(f"      used by: {', '.join(rec.used_by) or 'none of the compared cities'}")
    out = args.out or ROOT / "out" / f"proven_methods-{_slug(city)}.html"
    write_output(out, render_html(comparison, title=f"Proven methods for {city}", focus=[city],
                                  max_recommendations=args.top))
    print(f"\nHTML report: {out}")


if __name__ == "__main__":
    try:
        main()
    except PrevcatError as exc:
        sys.exit(f"Error: {exc}")
