"""The importer contract for the Ungsinn plugin: a level outside the row's scale is rejected."""

from prevcat.testing import contract_for

HEADER = (
    "id,Tiltak,Andre navn,Utgave,Evidensnivå,Nivå,Klassifiseringsversjon,Dokumentasjonsgrad,Målgruppe,Alder,"
    "Arena,Forebyggingsnivå,Opprinnelsesland / originalprogram,Publisert,Forfattere,source_url,seen,"
    "confidence,Merknad\n"
)
TestUngsinnContract = contract_for("prevcat_ungsinn", bad_csv=(
    HEADER
    + 'good,Godt tiltak,,2. utg.,evidensnivå 3 – Tiltak med noe dokumentasjon på effekt,3,'
    '"ny (0–5, fra nov. 2015)",,elever,6–12,skole,universelt,Norge,2020,,https://ungsinn.no/x,,high,\n'
    + 'bad,Tiltak med ukjent nivå,,2. utg.,evidensnivå 7 – Fantastisk tiltak,7,'
    '"ny (0–5, fra nov. 2015)",,elever,6–12,skole,universelt,Norge,2020,,https://ungsinn.no/y,,high,\n'
))
