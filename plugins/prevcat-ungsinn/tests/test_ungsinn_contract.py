"""The importer contract for the Ungsinn plugin."""

from __future__ import annotations

from pathlib import Path

import prevcat_ungsinn.plugin as plugin

from prevcat.testing import ImporterContract

HEADER = (
    "id,Tiltak,Andre navn,Utgave,Evidensnivå,Nivå,Klassifiseringsversjon,Dokumentasjonsgrad,Målgruppe,Alder,"
    "Arena,Forebyggingsnivå,Opprinnelsesland / originalprogram,Publisert,Forfattere,source_url,seen,"
    "confidence,Merknad\n"
)


class TestUngsinnContract(ImporterContract):
    plugin = plugin
    key = "ungsinn"

    def write_bad_file(self, directory: Path) -> Path:
        path = directory / "bad.csv"
        path.write_text(
            HEADER
            + 'good,Godt tiltak,,2. utg.,evidensnivå 3 – Tiltak med noe dokumentasjon på effekt,3,'
            '"ny (0–5, fra nov. 2015)",,elever,6–12,skole,universelt,Norge,2020,,https://ungsinn.no/x,,high,\n'
            + 'bad,Tiltak med ukjent nivå,,2. utg.,evidensnivå 7 – Fantastisk tiltak,7,'
            '"ny (0–5, fra nov. 2015)",,elever,6–12,skole,universelt,Norge,2020,,https://ungsinn.no/y,,high,\n',
            encoding="utf-8",
        )
        return path
