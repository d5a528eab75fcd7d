"""Security headers on every route; behind HTTPS a Secure session cookie and HSTS."""

import re
from io import BytesIO

import pytest
from itsdangerous import TimestampSigner

from tests.helpers.web import PASSWORD, page
from toolkit import create_app
from toolkit.accounts import users
from toolkit.db import open_session
from toolkit.web.headers import CONTENT_SECURITY_POLICY

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def directives(policy: str) -> dict[str, list[str]]:
    """A Content-Security-Policy as {directive: sources}."""
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


def url_for_rule(rule, room) -> str:
    """A URL for the rule with the room's own ids, so the views get past their lookups."""
    values = {
        "process_id": room.process_id,
        "code": room.code,
        "document": "beslutsunderlag",
        "fmt": "docx",
        "workshop_key": "workshop-1",
        "filename": "app.css",
        "part_key": "mal",
        "section_key": "bakgrund",
        "key": "kalle-5",
        "action": "start",
        "token": "okand",
    }
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values.get(m[1], 1)), rule.rule)
    assert "<" not in url, url
    return url


def check_headers(response, where: str) -> None:
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, f"{where}: {name}"
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"], where
    assert policy["frame-ancestors"] == ["'none'"], where
    assert "'unsafe-inline'" not in policy.get("default-src", []), where
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"], where
    assert "Strict-Transport-Security" not in response.headers, f"{where}: HSTS over HTTP"
    if not where.startswith("static "):
        assert response.headers["Cache-Control"] == "no-store", where
    assert "Access-Control-Allow-Origin" not in response.headers, where
    kind = response.content_type
    if kind.startswith("text/") or "+xml" in kind:
        assert "charset=utf-8" in kind, where
    if kind.startswith("application/json"):
        assert response.headers["Content-Disposition"].startswith("attachment"), where


def check_no_inline_code(response, where: str) -> None:
    """The page runs under script-src 'self': no inline script, handler or hx-on."""
    if not response.content_type.startswith("text/html"):
        return
    soup = page(response)
    for script in soup.select("script"):
        assert script.get("src"), f"{where}: inline <script>"
    for element in soup.find_all(True):
        inline = [a for a in element.attrs if a.startswith(("on", "hx-on")) or a == "hx-vars"]
        assert not inline, f"{where}: {element.name} has {inline}"
        for attribute in ("href", "src", "action", "formaction"):
            value = element.get(attribute) or ""
            assert not value.strip().lower().startswith("javascript:"), where


def test_every_route_sends_the_security_headers(app, leader, room, join):
    participant = join()
    rules = sorted(app.url_map.iter_rules(), key=lambda rule: rule.endpoint == "accounts.logout")
    seen = 0
    for rule in rules:
        url = url_for_rule(rule, room)
        for client in (leader, participant, app.test_client()):
            if "GET" in rule.methods:
                response = client.get(url)
            else:
                response = client.post(url, data={})
            where = f"{rule.endpoint} {url} ({response.status_code})"
            assert response.status_code < 500, where
            check_headers(response, where)
            check_no_inline_code(response, where)
            response.close()
            seen += 1
    assert seen == 3 * len(rules) and len(rules) > 90


def test_over_https_every_route_sends_hsts(app, room):
    app.config["PUBLIC_URL"] = "https://verkstad.region.example.se"  # read at each request
    client = app.test_client()
    for rule in app.url_map.iter_rules():
        url = url_for_rule(rule, room)
        response = client.get(url) if "GET" in rule.methods else client.post(url, data={})
        assert response.headers["Strict-Transport-Security"].startswith("max-age="), url
        response.close()


def test_error_pages_send_the_headers_too(client):
    response = client.get("/det-har-finns-inte/alls")
    assert response.status_code == 404
    check_headers(response, "404")


def test_only_the_app_s_own_files_and_methods_are_served(client):
    for path in ("/static/", "/static/vendor/", "/static/../pyproject.toml", "/static/.git"):
        response = client.get(path)
        assert response.status_code == 404, path
        check_headers(response, f"static {path}")
    for method in ("PUT", "DELETE", "PATCH"):
        response = client.open("/logga-in", method=method)
        assert response.status_code == 405, method
        check_headers(response, method)


def test_static_files_may_be_cached_but_pages_are_not(client):
    response = client.get("/static/app.css")
    assert response.status_code == 200 and "no-store" not in response.headers["Cache-Control"]
    response.close()
    assert client.get("/logga-in").headers["Cache-Control"] == "no-store"


def test_the_policy_allows_only_our_own_files():
    policy = directives(CONTENT_SECURITY_POLICY)
    assert policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]  # no <style> elements, htmx's included
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]


@pytest.fixture
def make_app(app_config):
    apps = []

    def make(**config):
        made = create_app(app_config | config)
        with open_session(made) as session:
            users.create_user(session, "leda", PASSWORD)
        apps.append(made)
        return made

    yield make
    for made in apps:
        made.extensions["toolkit.engine"].dispose()


def log_in(app, **headers):
    client = app.test_client()
    response = client.post(
        "/logga-in", data={"username": "leda", "password": PASSWORD}, headers=headers
    )
    assert response.status_code == 302
    return response


def test_over_plain_http_the_cookie_is_not_secure_and_there_is_no_hsts(make_app):
    response = log_in(make_app())
    assert "Secure" not in response.headers["Set-Cookie"]
    assert "HttpOnly" in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in response.headers


def test_behind_an_https_proxy_the_cookie_is_secure_and_hsts_is_sent(make_app):
    app = make_app(PROXY_FIX=True)
    https = {"X-Forwarded-Proto": "https"}
    client = app.test_client()
    response = client.post(
        "/logga-in", data={"username": "leda", "password": PASSWORD}, headers=https
    )
    assert response.status_code == 302
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-session=") and "; Path=/" in cookie
    assert "; Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Domain=" not in cookie
    hsts = response.headers["Strict-Transport-Security"]
    assert hsts.startswith("max-age=31536000") and "includeSubDomains" in hsts
    # The session works under its prefixed name: the leader's own page, not the login page.
    assert client.get("/processer/", headers=https).status_code == 200
    page_over_https = app.test_client().get("/logga-in", headers=https)
    assert "Strict-Transport-Security" in page_over_https.headers


def test_a_forwarded_proto_counts_only_with_the_proxy_configured(make_app):
    response = log_in(make_app(), **{"X-Forwarded-Proto": "https"})
    assert "Secure" not in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in response.headers


def test_an_https_public_url_makes_the_cookie_secure(make_app):
    response = log_in(make_app(PUBLIC_URL="https://verkstad.region.example.se"))
    assert "; Secure" in response.headers["Set-Cookie"]
    assert "Strict-Transport-Security" in response.headers


def test_a_too_large_upload_is_a_plain_swedish_413(app, leader, room):
    assert app.config["MAX_CONTENT_LENGTH"] == 50 * 1024 * 1024
    app.config["MAX_CONTENT_LENGTH"] = 10_000  # read at each request
    response = leader.post(
        f"/processer/{room.process_id}/dokument/mall",
        data={"template": (BytesIO(bytes(20_000)), "stor.docx")},
    )
    assert response.status_code == 413
    assert "Filen är för stor" in page(response).get_text()
    check_headers(response, "413")


def test_an_unexpected_error_is_a_plain_swedish_page_with_the_headers(make_app):
    app = make_app(TESTING=False)

    @app.get("/gar-sonder")
    def broken():
        raise RuntimeError("oväntat")

    response = app.test_client().get("/gar-sonder")
    assert response.status_code == 500
    text = page(response).get_text()
    assert "Något gick fel hos oss" in text and "RuntimeError" not in text
    check_headers(response, "500")


def test_a_session_older_than_30_days_must_log_in_again(make_app, monkeypatch):
    app = make_app()
    client = app.test_client()
    client.post("/logga-in", data={"username": "leda", "password": PASSWORD})
    assert client.get("/processer/").status_code == 200
    signed_at = TimestampSigner.get_timestamp
    later = 31 * 24 * 3600
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: signed_at(self) + later)
    response = client.get("/processer/")
    assert response.status_code == 302 and "/logga-in" in response.headers["Location"]
