"""The screens this feature owns use the words of docs/VOCABULARY.md."""

import re

import pytest

from tests.helpers.web import page
from toolkit.config import ROOT

AVOIDED = ["Styrvy", "styrvy", "timer", "Timer", "Ladda ner", "(valfri)", "Nollställ (minuter)"]
AVOIDED += ["Slag"]


def avoided_words(soup) -> list[str]:
    shown = soup.get_text(" ")  # what a user reads, not class names such as "timer"
    return [word for word in AVOIDED if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", shown)]


@pytest.mark.parametrize(
    "path",
    [
        "/processer/{id}/styr",
        "/processer/{id}",
        "/processer/{id}/uppstart",
        "/vagledning/",
        "/vagledning/material",
        "/vagledning/forsta-linje",
        "/vagledning/workshop/workshop-1",
        "/processer/{id}/dokument",
        "/processer/{id}/dokument/budget",
        "/processer/{id}/dokument/handlingsplan",
        "/processer/{id}/vinjetter",
    ],
)
def test_screens_use_the_vocabulary(leader, room, path):
    soup = page(leader.get(path.format(id=room.process_id)))
    assert soup.title.get_text()
    assert avoided_words(soup) == []


def test_the_countdown_says_tid(leader, room):
    soup = page(leader.get(f"/processer/{room.process_id}/styr"))
    buttons = [b.get_text(strip=True) for b in soup.select(".timer-control button")]
    assert buttons == ["Starta tiden", "Ställ om tiden"]
    assert soup.select_one("label[for=minutes]").get_text(strip=True) == "Minuter"


def test_the_vocabulary_is_written_down():
    text = (ROOT / "docs" / "VOCABULARY.md").read_text(encoding="utf-8")
    for term in ("ledarvyn", "Ladda ned", "(frivilligt)", "omgjorda fallbeskrivningar", "Tid kvar"):
        assert term in text
