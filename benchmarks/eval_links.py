"""Evaluate linking: bundled catalogues, a held-out part of the gold, and leave-one-registry-out.

Run:  .venv/bin/python benchmarks/eval_links.py [--registry nji] [--keep-glossary] [--misses]

1. *Bundled.*  Every bundled catalogue linked; pairwise precision/recall/F1 against the
   shipped gold (``src/prevcat/linking/data/gold_clusters.csv``) at programme and variant
   level, on every gold pair, on the *tuning* part and on the *held-out* part of the gold
   (a gold programme is held out when the SHA-1 of its label ends in a hex digit 0-4: about a
   third, chosen by the label, not by the results).
2. *Leave one registry out.*  For each bundled registry R: R's entries are written to a CSV
   file the generic importer reads (id, name, aliases, country, language, ages, original,
   url: no ratings, no plugin code) under a source key prevcat has never seen (``new-R``), so
   no curated alias or override applies to them; every glossary term of R's languages is
   removed from the glossary (a registry in a language prevcat does not know); then R is
   linked with the other bundled catalogues, as ``prevcat link --catalogue new-R.csv`` would.
   Only pairs with at least one entry of R are judged.  With ``--two``, every two registries
   are held out together as well (two registries new to prevcat at once).
3. *Resolve.*  Free-text names from places not in the bundled portfolios
   (``tests/data/linking/resolve_names.csv``, and ``resolve_names_heldout.csv`` written after
   the resolver was last changed), each with the programme it names or nothing: top-1
   accuracy of the programme answered (no answer is right only for a name naming nothing).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import tempfile
from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path

import prevcat
from prevcat.catalogue import Catalogue, Library
from prevcat.importers.generic import GenericImporter
from prevcat.linking import Crosswalk, link
from prevcat.linking.evaluate import Evaluation, Gold, _pairs, evaluate, read_gold_levels
from prevcat.linking.glossary import Glossary, default_glossary
from prevcat.linking.normalize import fold
from prevcat.model import Intervention

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "src" / "prevcat" / "linking" / "data" / "gold_clusters.csv"
NAMES = (
    ROOT / "tests" / "data" / "linking" / "resolve_names.csv",
    ROOT / "tests" / "data" / "linking" / "resolve_names_heldout.csv",
)
COLUMNS = ("id", "name", "aliases", "country", "language", "min_age", "max_age", "original", "url")


def held_out(a: str, b: str) -> bool:
    """A pair of entries in the held-out part (about a third, by a hash of the two ids)."""
    x, y = sorted((a, b))
    return int(hashlib.sha1(f"{x}\n{y}".encode()).hexdigest(), 16) % 3 == 0


def split_figures(crosswalk: Crosswalk, gold: Gold, keep: bool) -> Evaluation:
    """Programme and variant figures on the pairs of one part (held out or tuning)."""
    ids = [i for i in gold.programmes if i in crosswalk.library]
    levels = []
    for truth, of in ((gold.programmes, crosswalk.programme_of), (gold.variants, crosswalk.variant_of)):
        t = {p for p in _pairs({i: truth[i] for i in ids}) if held_out(*p) == keep}
        pred = {p for p in _pairs({i: of(i).id for i in ids}) if held_out(*p) == keep}
        levels.append(_figures(t, pred))
    return Evaluation(*levels[0], (), (), (), "programme", Evaluation(*levels[1], (), (), (), "variant"))


def _figures(
    t: set[tuple[str, str]], pred: set[tuple[str, str]]
) -> tuple[float, float, float, int, int, int]:
    ok = len(t & pred)
    p = ok / len(pred) if pred else 1.0
    r = ok / len(t) if t else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), len(t), len(pred), ok


def line(name: str, ev: Evaluation) -> str:
    v = ev.variant
    assert v is not None
    return (
        f"{name:<28} programme P {ev.precision:.3f} R {ev.recall:.3f} F1 {ev.f1:.3f} "
        f"({ev.true_pairs} true pairs) | variant P {v.precision:.3f} R {v.recall:.3f} F1 {v.f1:.3f}"
    )


def write_csv(items: Iterable[Intervention], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(COLUMNS)
        for it in items:
            ages = it.target.ages
            out.writerow(
                [
                    it.id.split(":", 1)[1],
                    it.name,
                    " | ".join(f"{a.lang}:{a.name}" if a.lang else a.name for a in it.aliases),
                    it.country or "",
                    " | ".join(it.languages),
                    "" if ages.min is None else ages.min,
                    "" if ages.max is None else ages.max,
                    it.original or "",
                    it.url or "",
                ]
            )


def without_languages(glossary: Glossary, langs: set[str]) -> Glossary:
    """The glossary with every term of these languages gone, in every language that has it."""
    tables = glossary.tables
    gone = {fold(term) for lang in langs for term in tables.get(lang, {})}
    return Glossary(
        {
            lang: {t: c for t, c in table.items() if fold(t) not in gone}
            for lang, table in tables.items()
            if lang not in langs
        }
    )


def leave_one_out(
    library: Library, gold: Gold, source: str, *, keep_glossary: bool
) -> tuple[Evaluation, Crosswalk]:
    """One registry held out (see the module docstring)."""
    return leave_out(library, gold, (source,), keep_glossary=keep_glossary)


def leave_out(
    library: Library, gold: Gold, sources: Sequence[str], *, keep_glossary: bool
) -> tuple[Evaluation, Crosswalk]:
    """These registries held out together, imported as new CSV files without their languages."""
    rest = [c for c in library.catalogues if c.provenance.source not in sources]
    imported: list[Catalogue] = []
    langs: set[str] = set()
    rename: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for source in sources:
            held = next(c for c in library.catalogues if c.provenance.source == source)
            key = f"new-{source}"
            path = Path(tmp) / f"{key}.csv"
            write_csv(held, path)
            result = GenericImporter(key).read(path)
            if result.report.rejected:
                print(f"  {source}: {len(result.report.rejected)} rows rejected", file=sys.stderr)
            imported.append(result.catalogue)
            langs |= {lang.split("-")[0] for it in held for lang in it.languages}
            langs |= {a.lang.split("-")[0] for it in held for a in it.aliases if a.lang and a.lang != "en"}
            rename.update({it.id: f"{source}:{it.id.split(':', 1)[1]}" for it in result.catalogue})
    glossary = default_glossary() if keep_glossary else without_languages(default_glossary(), langs - {"en"})
    crosswalk = link(Library.of([*rest, *imported]), glossary=glossary)
    back = {v: k for k, v in rename.items()}
    mapped = Gold(
        {back.get(i, i): g for i, g in gold.programmes.items()},
        {back.get(i, i): g for i, g in gold.variants.items()},
    )
    return evaluate(crosswalk, mapped, only=set(rename)), crosswalk


def resolve_accuracy(crosswalk: Crosswalk, path: Path) -> tuple[int, int, list[str]]:
    """(right, total, what went wrong) for a labelled names file (query,country,expected)."""
    from prevcat.linking import Resolver

    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]
    rows = list(csv.DictReader(lines))
    resolver = Resolver(crosswalk)
    right, wrong = 0, []
    for row in rows:
        [answer] = resolver.resolve([row["query"]], country=row["country"] or None)
        want = crosswalk.programme_of(row["expected"]).id if row["expected"] else None
        if answer.cluster == want:
            right += 1
        else:
            wrong.append(
                f"{row['query']!r}: expected {row['expected'] or 'nothing'}, got {answer.intervention_id}"
            )
    return right, len(rows), wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registry", action="append", help="only this held-out registry (repeatable)")
    parser.add_argument(
        "--keep-glossary", action="store_true", help="keep the held-out languages' glossary terms"
    )
    parser.add_argument("--misses", action="store_true", help="print false merges and misses")
    parser.add_argument("--two", action="store_true", help="also hold out every two registries together")
    args = parser.parse_args()
    library = prevcat.load_library()
    gold = read_gold_levels(GOLD)
    crosswalk = link(library)
    print("Bundled catalogues against the shipped gold")
    ev = evaluate(crosswalk, gold)
    print(line("all gold pairs", ev))
    print(line("tuning part (2/3 of pairs)", split_figures(crosswalk, gold, False)))
    print(line("held-out part (1/3)", split_figures(crosswalk, gold, True)))
    if args.misses:
        print(str(ev))
    print()
    print(
        "Leave one registry out (generic importer, new source key, "
        + ("glossary kept)" if args.keep_glossary else "its languages removed from the glossary)")
    )
    sources = args.registry or [c.provenance.source for c in library.catalogues]
    total_true = total_pred = total_ok = 0
    for source in sources:
        ev, _cw = leave_one_out(library, gold, source, keep_glossary=args.keep_glossary)
        print(line(source, ev))
        if args.misses:
            for a, b in ev.false_merges:
                print(f"    false merge  {a} ~ {b}")
            for a, b in ev.misses:
                print(f"    miss         {a} ~ {b}")
        total_true += ev.true_pairs
        total_pred += ev.predicted_pairs
        total_ok += ev.correct_pairs
    p = total_ok / total_pred if total_pred else 1.0
    r = total_ok / total_true if total_true else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(
        f"{'all registries (pooled)':<28} programme P {p:.3f} R {r:.3f} F1 {f:.3f} ({total_true} true pairs)"
    )
    if args.two:
        print()
        print("Two registries held out together (programme level, pairs touching either)")
        for pair in combinations([c.provenance.source for c in library.catalogues], 2):
            ev, _cw = leave_out(library, gold, pair, keep_glossary=args.keep_glossary)
            print(line(" + ".join(pair), ev))
    print()
    print("Resolve: free-text names from places not in the bundled portfolios (top-1 programme)")
    for path in NAMES:
        right, total, wrong = resolve_accuracy(crosswalk, path)
        print(f"{path.name:<28} {right}/{total} = {right / total:.3f}")
        for w in wrong if args.misses else ():
            print(f"    {w}")


if __name__ == "__main__":
    main()
