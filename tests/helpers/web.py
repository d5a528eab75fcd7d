"""Acting on the app's pages as a user: the test password, and HTML parsed to select from."""

from bs4 import BeautifulSoup

PASSWORD = "hemligt-lösen-1"


def page(response) -> BeautifulSoup:
    """The response's HTML, parsed."""
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def texts(soup: BeautifulSoup, selector: str) -> list[str]:
    """The stripped text of every element matching the selector."""
    return [" ".join(el.get_text(" ", strip=True).split()) for el in soup.select(selector)]
