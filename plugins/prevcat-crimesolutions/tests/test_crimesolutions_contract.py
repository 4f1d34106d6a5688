"""The importer contract for the CrimeSolutions plugin: a label no scale knows is rejected."""

from prevcat.testing import contract_for

TestCrimeSolutionsContract = contract_for("prevcat_crimesolutions", bad_csv=(
    "id,Program Name,Profile type,Evidence Rating,source_url,confidence\n"
    "good,Good Programme,Program,Effective,https://crimesolutions.ojp.gov/ratedprograms/good,high\n"
    "bad,Bad Programme,Program,Very Effective,https://crimesolutions.ojp.gov/ratedprograms/bad,high\n"
))
