"""The importer contract for the Xchange plugin: a label no Xchange scale knows is rejected."""

from prevcat.testing import contract_for

TestXchangeContract = contract_for("prevcat_xchange", bad_csv=(
    "id,Title,Evidence rating,Global rating,Last reviewed,confidence\n"
    "good,Good programme - a subtitle,Beneficial,,18.10.2017,high\n"
    "bad,Bad programme - a subtitle,Very beneficial,,,high\n"
))
