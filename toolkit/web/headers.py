"""Security headers on every response; behind HTTPS a Secure session cookie and HSTS."""

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface

# Scripts and styles only from our own files (htmx, live.js, …): no inline script, handler or
# eval. Style attributes stay allowed for the bars and the timeline, whose widths are data.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
HSTS = "max-age=31536000; includeSubDomains"
# Pages show process data: no browser or proxy keeps a copy. The static files keep their own.
NOT_STORED = "no-store"


def over_https(app: Flask) -> bool:
    """Whether this request reached us over HTTPS, directly, through the proxy or by config."""
    return request.is_secure or app.config.get("PUBLIC_URL", "").startswith("https://")


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session; over HTTPS a Secure cookie named `__Host-session`.

    The prefix makes the browser refuse the cookie unless it is Secure, for the whole site and
    set by this host itself, so no other site under the same domain can plant or widen it.
    """

    def get_cookie_name(self, app: Flask) -> str:
        name = super().get_cookie_name(app)
        return f"__Host-{name}" if over_https(app) else name

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or over_https(app)


def install(app: Flask) -> None:
    """Send the headers on every response and mark the session cookie Secure behind HTTPS."""
    app.session_interface = SessionInterface()

    @app.after_request
    def security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if over_https(app):
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if request.endpoint != "static":
            response.headers["Cache-Control"] = NOT_STORED
        if response.mimetype == "application/json":
            # Opened directly, an answer in JSON is a download, never a page to interpret.
            response.headers.setdefault("Content-Disposition", 'attachment; filename="svar.json"')
        return response
