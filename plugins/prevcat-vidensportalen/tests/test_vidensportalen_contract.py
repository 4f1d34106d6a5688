"""The importer contract for the Vidensportalen plugin: a letter outside A-D is rejected."""

from prevcat.testing import contract_for

TestVidensportalenContract = contract_for("prevcat_vidensportalen", bad_csv=(
    "id,Indsats,Alder,Vidensgrundlag Målgruppe,Vidensgrundlag Effekt,confidence\n"
    "god,God indsats,12-17,A,B,high\n"
    "daarlig,Dårlig indsats,12-17,A,E,high\n"
))
