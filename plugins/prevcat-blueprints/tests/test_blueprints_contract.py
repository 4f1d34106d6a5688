"""The importer contract for the Blueprints plugin: a label no Blueprints scale knows is rejected."""

from prevcat.testing import contract_for

TestBlueprintsContract = contract_for("prevcat_blueprints", bad_csv=(
    "id,Program,Program Rating,Endorsements,source_url,confidence\n"
    "good,Good Programme,Model,,https://www.blueprintsprograms.org/factsheet/good,high\n"
    "bad,Bad Programme,Exemplary,,https://www.blueprintsprograms.org/factsheet/bad,high\n"
))
