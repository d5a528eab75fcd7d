"""Rules every template keeps: POST forms carry the CSRF token, an hx-get has an href or is live."""

import json
import re
from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from flask import render_template_string

from toolkit.config import ROOT

TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))
STATEMENT = re.compile(r"{%.*?%}|{#.*?#}", re.DOTALL)


def markup_of(source: str) -> str:
    """The template's HTML with Jinja statements and comments taken out (expressions stay)."""
    return STATEMENT.sub(" ", source)


class PostForms(HTMLParser):
    """The forms in a template that are not GET, each with whether a CSRF token input is in it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self.open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            form = {"line": self.getpos()[0], "token": False}
            self.open.append(form)
            # A form without a method is a GET; one whose method is computed counts as a POST.
            if (attrs.get("method") or "get").lower() != "get":
                self.forms.append(form)
        elif tag == "input" and attrs.get("name") == "csrf_token":
            if attrs.get("type") == "hidden" and "csrf_token()" in (attrs.get("value") or ""):
                for form in self.open:
                    form["token"] = True

    def handle_endtag(self, tag):
        if tag == "form" and self.open:
            self.open.pop()


def forms_without_token(source: str) -> list[int]:
    """Lines where a POST form starts that holds no CSRF token input."""
    parser = PostForms()
    parser.feed(markup_of(source))
    parser.close()
    return [form["line"] for form in parser.forms if not form["token"]]


def test_the_check_finds_a_post_form_without_its_token():
    token = '<input type="hidden" name="csrf_token" value="{{ csrf_token() }}">'
    assert forms_without_token('<form method="post" action="/x"><button>Ja</button></form>') == [1]
    assert forms_without_token('<p>\n<FORM METHOD=POST><input name="csrf_token"></FORM>') == [2]
    assert forms_without_token(f'<form method="post">\n  {token}\n</form>') == []
    assert forms_without_token('<form method="get" action="/s"><input name="q"></form>') == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_post_form_carries_the_csrf_token(template):
    """Write forms with post_form from _macros.html; it adds the token."""
    assert forms_without_token(template.read_text(encoding="utf-8")) == []


def test_the_post_form_macro_posts_to_one_url_with_and_without_javascript(app):
    source = (
        '{% from "_macros.html" import post_form %}'
        '{% call post_form("/spara", htmx=true, hx_target="#svar", class="inline",'
        " data_saved=true) %}"
        '<button type="submit">Spara</button>{% endcall %}'
        '{% call post_form(class="stack") %}<button type="submit">Logga in</button>{% endcall %}'
    )
    with app.test_request_context():
        html = BeautifulSoup(render_template_string(source), "html.parser")
    htmx, plain = html.select("form")
    assert htmx["method"] == plain["method"] == "post"
    assert htmx["action"] == htmx["hx-post"] == "/spara"
    assert htmx["hx-target"] == "#svar" and htmx["class"] == ["inline"]
    assert htmx.has_attr("data-saved")
    assert not plain.has_attr("action") and not plain.has_attr("hx-post")
    for form in (htmx, plain):
        assert form.select_one("input[type=hidden][name=csrf_token]")["value"]


def test_a_field_with_an_error_points_at_its_message(app):
    source = (
        '{% from "_macros.html" import field %}'
        '{{ field("svar", "Ditt svar", name="text", textarea=true, value="x", help="Kort.",'
        " error=error) }}"
    )
    with app.test_request_context():
        html = BeautifulSoup(render_template_string(source, error="Svaret är tomt."), "html.parser")
        calm = BeautifulSoup(render_template_string(source, error=None), "html.parser")
    control = html.select_one("textarea[name=text]")
    assert html.select_one("label[for=svar]").get_text() == "Ditt svar" and control["id"] == "svar"
    assert control["aria-invalid"] == "true"
    described = [html.select_one(f"#{id}") for id in control["aria-describedby"].split()]
    assert [element.get_text() for element in described] == ["Kort.", "Svaret är tomt."]
    assert described[1]["role"] == "alert"
    assert calm.select_one("textarea")["aria-describedby"] == "svar-help"
    assert not calm.select_one("textarea").has_attr("aria-invalid")
    assert not calm.select("[role=alert]")


def test_a_live_region_reloads_on_its_events_and_on_refresh(app):
    source = (
        '{% from "_macros.html" import live_region %}'
        '{% call live_region("/del", ["answers", "votes"], id="del") %}<p>Nu</p>{% endcall %}'
    )
    with app.test_request_context():
        region = BeautifulSoup(render_template_string(source), "html.parser").select_one("#del")
    assert region["hx-get"] == "/del" and region["hx-swap"] == "innerHTML"
    assert region["hx-trigger"] == (
        "live:answers from:body, live:votes from:body, live:refresh from:body"
    )
    assert region.select_one("p").get_text() == "Nu"


def test_htmx_sends_the_same_token_as_the_forms(client):
    soup = BeautifulSoup(client.get("/anslut").get_data(as_text=True), "html.parser")
    token = soup.select_one("form input[name=csrf_token]")["value"]
    assert json.loads(soup.body["hx-headers"]) == {"X-CSRFToken": token}


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_hx_get_has_an_href_or_is_a_live_region(template):
    """A link htmx loads works without JavaScript too; a live region is on the page already."""
    soup = BeautifulSoup(markup_of(template.read_text(encoding="utf-8")), "html.parser")
    for element in soup.select("[hx-get]"):
        if "live:" not in element.get("hx-trigger", ""):
            assert element.get("href") == element["hx-get"], element
