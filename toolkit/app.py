"""The Flask app factory."""

import functools
from datetime import timedelta

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError, CSRFProtect
from jinja2 import TemplateNotFound
from werkzeug.middleware.proxy_fix import ProxyFix

from toolkit import about
from toolkit.accounts import admin_views
from toolkit.accounts import views as accounts
from toolkit.circles import room_views as circles_room
from toolkit.circles import views as circles
from toolkit.config import PACKAGE, ROOT, from_environment
from toolkit.content import load_content
from toolkit.db import make_engine, upgrade
from toolkit.documents import parts as document_parts
from toolkit.documents import views as documents
from toolkit.guide import views as guide
from toolkit.kinds import case_path_views, steps_views, survey_views, vote_views
from toolkit.live import views as live_views
from toolkit.live.events import LocalBroker
from toolkit.live.sqlite import SqliteBroker
from toolkit.processes import activity_views, data_views, team_views
from toolkit.processes import views as processes
from toolkit.room import control, participant, projector
from toolkit.texts.markup import render_markdown
from toolkit.vignettes import room_views as vignettes_room
from toolkit.vignettes import views as vignettes
from toolkit.web import CleanRequest, JoinCodeConverter, close_session, headers, times

ERROR_MESSAGES = {
    400: "Sidan kunde inte ta emot det som skickades. Ladda om sidan och försök igen.",
    403: "Du har inte tillgång till den här sidan. Har du anslutit med koden från projektorn?",
    404: "Sidan finns inte.",
    405: "Det går inte att göra så här. Gå tillbaka och försök igen.",
    413: "Filen är för stor (högst 50 MB). Försök med en mindre fil.",
    500: "Något gick fel hos oss. Försök igen om en stund; det du sparade finns kvar.",
}
# No upload is larger (a process's backup, a Word template); the proxy allows the same.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def _error_page(status: int, message: str):
    def handler(_error):
        return render_template("error.html", message=message, status=status), status

    return handler


def _target_group_title(content):
    def title(key: str | None) -> str:
        group = content.target_group(key) if key else None
        return group.title if group else ""

    return title


# Templates every page needs; without them each page is a 500 however well the rest runs.
NEEDED_TEMPLATES = ("base.html", "error.html", "accounts/login.html", "room/participant/code.html")


def missing_parts() -> str:
    """What the running app lacks to serve its pages (templates, content), or an empty string."""
    try:
        for name in NEEDED_TEMPLATES:
            current_app.jinja_env.get_template(name)
    except TemplateNotFound as exc:
        return f"Sidmallarna saknas ({exc.name} hittades inte i {current_app.template_folder})."
    content = current_app.extensions["toolkit.content"]
    if not content.workshops or not content.vignettes or content.outlines is None:
        return "Innehållet saknas: inga workshoppar, vinjetter eller dokumentmallar är inlästa."
    return ""


def from_trusted_proxy(wsgi_app, proxies=None):
    """Read X-Forwarded-* only on requests from the proxy; anyone else's are ignored."""
    trusted = set(proxies or ("127.0.0.1", "::1"))
    fixed = ProxyFix(wsgi_app, x_for=1, x_proto=1, x_host=1)

    def app(environ, start_response):
        chosen = fixed if environ.get("REMOTE_ADDR") in trusted else wsgi_app
        return chosen(environ, start_response)

    return app


def make_broker(config):
    """In-process events for one worker; through the database when several workers share them
    (PostgreSQL NOTIFY, or rows in SQLite when `toolkit serve` runs one worker per core)."""
    url = config["DATABASE_URL"]
    kind = config.get("LIVE_BROKER") or (
        "postgres"
        if url.startswith("postgresql")
        else "sqlite"
        if config.get("WORKERS", 1) > 1
        else "local"
    )
    if kind == "postgres":
        from toolkit.live.postgres import PostgresBroker

        return PostgresBroker(url)
    if kind == "sqlite":
        if not url.startswith("sqlite"):
            raise ValueError("TOOLKIT_LIVE_BROKER=sqlite needs a SQLite database")
        return SqliteBroker(url)
    if kind != "local":
        raise ValueError(f"TOOLKIT_LIVE_BROKER must be local, sqlite or postgres, not {kind!r}")
    return LocalBroker()


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: configuration, content, database, blueprints."""
    app = Flask(__name__, template_folder=str(ROOT / "templates"))
    app.request_class = CleanRequest
    app.config.from_mapping(from_environment() if test_config is None else {})
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.config.setdefault("CONTENT_DIR", ROOT)
    app.config.update(
        PERMANENT_SESSION_LIFETIME=timedelta(days=30),
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_HTTPONLY=True,
        WTF_CSRF_TIME_LIMIT=None,
    )
    app.config["MAX_CONTENT_LENGTH"] = app.config["MAX_CONTENT_LENGTH"] or MAX_UPLOAD_BYTES

    # CONTENT: content already loaded, so that the tests read the files once per run.
    content = app.config.get("CONTENT") or load_content(app.config["CONTENT_DIR"])
    app.extensions["toolkit.content"] = content
    engine = make_engine(app.config["DATABASE_URL"])
    if app.config.get("AUTO_MIGRATE", True):
        upgrade(engine)
    app.extensions["toolkit.engine"] = engine
    app.extensions["toolkit.broker"] = app.config.get("BROKER") or make_broker(app.config)
    app.teardown_appcontext(close_session)

    if app.config.get("PROXY_FIX"):
        # Behind one reverse proxy: take the client's address and scheme from its headers,
        # so join-code guessing is counted per client and links keep https.
        app.wsgi_app = from_trusted_proxy(app.wsgi_app, app.config.get("TRUSTED_PROXIES"))

    CSRFProtect(app)
    headers.install(app)
    app.url_map.converters["joincode"] = JoinCodeConverter
    app.jinja_env.filters["markdown"] = render_markdown
    app.jinja_env.filters["target_group"] = _target_group_title(app.extensions["toolkit.content"])
    app.jinja_env.globals["stage_names"] = vignettes.STAGE_NAMES
    timezone = times.zone(app.config.get("TIMEZONE") or times.DEFAULT_TIMEZONE)
    app.jinja_env.filters["local_time"] = functools.partial(times.local_time, timezone=timezone)
    app.jinja_env.trim_blocks = app.jinja_env.lstrip_blocks = True
    vendored = sorted((PACKAGE / "static" / "vendor").glob("htmx-*.min.js"))
    app.jinja_env.globals["htmx_script"] = f"vendor/{vendored[-1].name}" if vendored else None

    blueprints = (
        accounts.bp,
        admin_views.bp,
        processes.bp,
        data_views.bp,
        control.bp,
        vote_views.bp,
        steps_views.bp,
        case_path_views.bp,
        survey_views.bp,
        vignettes.bp,
        projector.bp,
        live_views.bp,
        circles.bp,
        circles_room.bp,
        participant.bp,
        vignettes_room.bp,
        documents.bp,
        document_parts.bp,
        guide.bp,
        team_views.bp,
        activity_views.bp,
        about.bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)

    @app.errorhandler(CSRFError)
    def csrf_failed(_error):
        message = "Sidan var för gammal för att spara. Ladda om sidan och försök igen."
        return render_template("error.html", message=message), 400

    for status, message in ERROR_MESSAGES.items():
        app.register_error_handler(status, _error_page(status, message))

    @app.get("/healthz")
    def healthz():
        problem = missing_parts()
        if problem:
            return problem, 503, {"Content-Type": "text/plain; charset=utf-8"}
        return {"status": "ok"}

    return app
