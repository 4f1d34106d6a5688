"""The importer contract for the Grüne Liste plugin: a verdict the scale does not know is rejected."""

from prevcat.testing import contract_for

TestGrueneListeContract = contract_for("prevcat_gruene_liste", bad_csv=(
    "id,Programmname,Beweiskraft,Stufe,confidence\n"
    "1,Gutes Programm,Effektivität nachgewiesen,Stufe 3,high\n"
    "2,Schlechtes Programm,Effektivität vermutet,,high\n"
))
