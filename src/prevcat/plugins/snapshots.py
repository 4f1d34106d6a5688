"""Reading every registered importer's bundled snapshot into one library, problems reported.

An importer that raises anything while reading, ``SystemExit`` and the plugin timeout
included, is a :class:`PluginProblem`; Ctrl-C still ends the program, naming the plugin."""

from __future__ import annotations

from prevcat.catalogue import Catalogue, Library
from prevcat.importers.base import ImportReport, ImportResult
from prevcat.plugins.loading import PluginTimeout, describe, interrupted, time_limit
from prevcat.plugins.records import LoadedLibrary, PluginProblem, Registrations


def read_snapshots(registry: Registrations) -> LoadedLibrary:
    problems: list[PluginProblem] = list(registry.problems)
    catalogues: list[Catalogue] = []
    reports: dict[str, ImportReport] = {}
    for key, importer in registry.importers.items():
        plugin = registry.owner("importer", key) or "?"
        try:
            with time_limit(f"importer {key!r} of plugin {plugin!r} reading its snapshot"):
                if importer.snapshot() is None:
                    continue
                result = importer.read_snapshot()
            if not isinstance(result, ImportResult):
                raise TypeError(f"read() returned {type(result).__name__}, not an ImportResult")
        except KeyboardInterrupt as exc:
            raise interrupted(exc, plugin, f"importer {key!r} reading its snapshot") from None
        except (Exception, SystemExit, PluginTimeout) as exc:
            problems.append(PluginProblem(
                plugin=plugin, error=f"importer {key!r} cannot read its snapshot: {describe(exc)}",
                stage="snapshot",
            ))
            continue
        if result.catalogue.source != key:
            problems.append(PluginProblem(
                plugin=plugin,
                error=f"importer {key!r} returned a catalogue with source {result.catalogue.source!r}",
                stage="snapshot",
            ))
            continue
        unknown = sorted({
            str(r.scale) for item in result.catalogue for r in item.ratings
            if (r.scale.id, r.scale.version) not in registry.scales
        })
        if unknown:
            problems.append(PluginProblem(
                plugin=plugin,
                error=f"importer {key!r}: ratings name scale(s) that no loaded plugin registers: "
                f"{', '.join(unknown)}",
                stage="snapshot",
            ))
        catalogues.append(result.catalogue)
        reports[key] = result.report
    return LoadedLibrary(library=Library.of(catalogues), reports=reports, problems=problems)
