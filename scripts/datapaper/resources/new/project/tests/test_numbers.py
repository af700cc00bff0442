"""The numbers this paper publishes, as a reader reads them in each language
(tests/expected.csv: language, placeholder as the text writes it, expected text), against
the build (build/<lang>/values.json). The values are brought up to date by Snakemake first;
with DATAPAPER_NO_BUILD=1 the tests read build/ as it is."""

from pathlib import Path

import pytest
from datapaper import number_tests

ROOT = Path(__file__).resolve().parent.parent
CASES = number_tests.read_expected(ROOT / number_tests.EXPECTED)


@pytest.fixture(scope="session")
def values() -> dict[str, dict]:
    return number_tests.load_values(ROOT, sorted({case.language for case in CASES}))


@pytest.mark.parametrize("case", CASES, ids=str)
def test_published_number(case, values):
    number_tests.check(case, values)
