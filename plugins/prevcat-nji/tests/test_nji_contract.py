"""The importer contract for the NJi plugin: a verdict outside the recognition scale is rejected."""

from prevcat.testing import contract_for

TestNjiContract = contract_for("prevcat_nji", bad_csv=(
    "id,Interventie,Oordeel Erkenningscommissie,Databank,Leeftijd,Datum erkenning,confidence\n"
    "good,Goed programma,Goed onderbouwd,NJi,4 tot en met 12 jaar,2020-01-02,high\n"
    "bad,Slecht programma,Veelbelovend,NJi,,2005,medium\n"
))
