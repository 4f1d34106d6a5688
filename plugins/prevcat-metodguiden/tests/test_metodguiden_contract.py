"""The importer contract for the Metodguiden plugin: a priority outside the NR scale is rejected."""

from prevcat.testing import contract_for

HEADER = (
    "id,Metod,Typ av metod,Målgrupp,Ålder,Verksamhet/arena,Syfte,Nationella riktlinjer prioritet,"
    "Ursprungsland / originalprogram,Andra namn,I Sverige sedan,Samling,anmärkning,nr_source_url,source_url,"
    "seen,confidence\n"
)
TestMetodguidenContract = contract_for("prevcat_metodguiden", bad_csv=(
    HEADER
    + "bra,Bra metod,Insats,Föräldrar,3-11,Föräldragrupp,,5,Sverige,,,Metodguiden,,,https://x.se,,high\n"
    + "dålig,Dålig rad,Insats,Föräldrar,3-11,Föräldragrupp,,Mycket hög,Sverige,,,Metodguiden,,,,,high\n"
))
