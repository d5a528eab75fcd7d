"""The personnummer guard."""

import pytest

from toolkit.texts import privacy
from toolkit.texts.privacy import contains_personnummer


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


@pytest.mark.parametrize("text", ["811218-9877", "samordningsnummer 811278-0006", "198112189877"])
def test_a_wrong_check_digit_only_resembles_a_personnummer(text):
    assert privacy.resembles_personnummer(text) and not contains_personnummer(text)


@pytest.mark.parametrize("text", ["Ring 070-123 45 67", "811318-9876", "19811218-9876", ""])
def test_other_text_does_not_resemble_one(text):
    assert not privacy.resembles_personnummer(text)


def test_the_refusal_names_the_field():
    assert privacy.refusal("Kommunen").startswith("Kommunen innehåller något som ser ut som")
    assert privacy.REFUSAL.startswith("Texten innehåller")
