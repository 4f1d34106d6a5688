"""Compare the five small municipalities of Småkommunprojektet: Norsjö, Sorsele, Malå, Arvidsjaur, Arjeplog.

Run with no arguments: prints an overview and writes an HTML report to out/smakommun.html
(under the repository root), in Swedish.  ``--out FILE`` writes the report elsewhere, ``--lang en`` or
``--lang nb`` in English or Norwegian.
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
CITIES = ("Norsjö", "Sorsele", "Malå", "Arvidsjaur", "Arjeplog")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "smakommun.html", help="HTML report path")
    parser.add_argument("--lang", choices=("sv", "nb", "en"), default="sv", help="report language")
    args = parser.parse_args()

    comparison = compare_files(find_portfolios(PORTFOLIOS, CITIES), library=prevcat.load_library())
    print("Småkommunprojektet: five small municipalities in Västerbotten and Norrbotten\n")
    print(render_summary(comparison, recommendations=3))
    write_output(args.out, render_html(comparison, title="Småkommunprojektet: " + ", ".join(CITIES),
                                       lang=args.lang))
    print(f"HTML report: {args.out}")


if __name__ == "__main__":
    try:
        main()
    except PrevcatError as exc:
        sys.exit(f"Error: {exc}")
