"""The personnummer guard."""

import pytest

from toolkit.privacy import contains_personnummer


@pytest.mark.parametrize(
    "text",
    [
        "19811218-9876",
        "811218-9876",
        "Eleven har pnr 198112189876 enligt journalen",
        "811218+9876",
        "samordningsnummer 811278-0005",
    ],
)
def test_valid_personnummer_is_found(text):
    assert contains_personnummer(text)


@pytest.mark.parametrize(
    "text",
    [
        "811218-9877",  # wrong check digit
        "Ring 070-123 45 67",
        "Budget 2024: 1 200 000 kr",
        "Kalle 5 år, årskurs 3, 20 % frånvaro",
        "811318-9876",  # month 13
    ],
)
def test_other_numbers_pass(text):
    assert not contains_personnummer(text)
