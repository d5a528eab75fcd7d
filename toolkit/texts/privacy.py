"""The guard against personal data about real children: vignettes are fictional."""

import re
from datetime import date

# 6 or 8 digit date, optional separator (-, + or space), 4 digits.
_CANDIDATE = re.compile(r"(?<!\d)(\d{2})?(\d{2})(\d{2})(\d{2})\s?[-+]?\s?(\d{4})(?!\d)")


def refusal(field: str = "Texten") -> str:
    """Why a text holding a personnummer is refused, naming the field it was typed into."""
    return (
        f"{field} innehåller något som ser ut som ett personnummer. Skriv aldrig uppgifter om "
        "verkliga barn här – verktyget är inget ärenderegister. Ta bort numret och spara igen."
    )


def caution(field: str = "Texten") -> str:
    """What a text with a number shaped like a personnummer (wrong check digit) is told."""
    return (
        f"{field} sparades, men där finns ett nummer som liknar ett personnummer. "
        "Kontrollera att det inte gäller ett verkligt barn – använd påhittade exempel."
    )


REFUSAL = refusal()
WARNING = (
    "Skriv inte namn eller andra uppgifter som kan peka ut ett verkligt barn. "
    "Använd påhittade exempel och vinjetter."
)


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _valid_date(year: int, month: int, day: int) -> bool:
    if day > 60:  # samordningsnummer: the day plus 60
        day -= 60
    for century in (1900, 2000):
        try:
            date(century + year % 100, month, day)
            return True
        except ValueError:
            continue
    return False


def _dated_numbers(text: str) -> list[bool]:
    """For every number shaped like a personnummer with a real date: is its check digit right?"""
    found = []
    for match in _CANDIDATE.finditer(text):
        _century, yy, mm, dd, tail = match.groups()
        if _valid_date(int(yy), int(mm), int(dd)):
            found.append(_luhn_ok(yy + mm + dd + tail))
    return found


def contains_personnummer(text: str) -> bool:
    """True when the text holds a valid Swedish personnummer or samordningsnummer."""
    return any(_dated_numbers(text))


def resembles_personnummer(text: str) -> bool:
    """True when the text holds a number of that shape and date whose check digit is wrong."""
    return not all(_dated_numbers(text))
