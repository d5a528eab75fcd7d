"""The browser test setup itself works here: Chromium, Playwright and axe-core."""

from urllib.parse import quote

from tests.helpers.browser import axe_check

WELL_FORMED = """<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Samverkansverkstaden</title></head>
<body><main><h1>Välkommen</h1><p>Tre workshoppar, sju övningar.</p></main></body>
</html>"""


def data_url(html: str) -> str:
    """A data: URL that shows `html`."""
    return "data:text/html;charset=utf-8," + quote(html)


def test_chromium_shows_a_page_in_swedish(new_page):
    page = new_page()
    page.goto(data_url(WELL_FORMED))
    assert page.get_by_role("heading", level=1).inner_text() == "Välkommen"
    assert page.evaluate("navigator.language") == "sv-SE"


def test_axe_passes_a_well_formed_page(new_page):
    page = new_page()
    page.goto(data_url(WELL_FORMED))
    problems = axe_check(page)
    assert not problems, problems


def test_axe_reports_an_image_without_alt_text(new_page):
    page = new_page()
    page.goto(data_url(WELL_FORMED.replace("</h1>", '</h1><img src="data:,">')))
    assert "image-alt" in axe_check(page)
