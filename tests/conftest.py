"""Fixtures: an app with its own database per test (SQLite, and PostgreSQL when configured).

What every test would build alike is built once per run instead: the migrated schema (each test
gets a copy), the parsed content and the compiled templates.
"""

import functools
import os
from dataclasses import dataclass

import pytest
from werkzeug.security import generate_password_hash

from tests.helpers.compiled import CompiledTemplates
from tests.helpers.databases import Templates
from tests.helpers.web import PASSWORD
from toolkit import create_app
from toolkit.accounts import users
from toolkit.config import ROOT
from toolkit.content import load_content
from toolkit.db import open_session
from toolkit.models import Process
from toolkit.processes import data as processes

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TOOLKIT_TEST_DATABASE_URL") else [])


@pytest.fixture(scope="session", autouse=True)
def quick_password_hashes():
    """Accounts made in the tests get a cheap hash; the servers the tests start keep scrypt."""
    # scrypt costs about 0.1 s of CPU to make a hash and as much to check it at each login:
    # more than a third of the whole run went to it.
    cheap = functools.partial(generate_password_hash, method="pbkdf2:sha256:1000")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(users, "generate_password_hash", cheap)
        yield


@pytest.fixture(scope="session")
def project_content():
    """The project's workshops and vignettes, parsed once per run."""
    return load_content(ROOT)


@pytest.fixture(scope="session")
def templates(tmp_path_factory):
    """The schema, migrated once per run: a SQLite file, and a PostgreSQL database if configured."""
    made = Templates(
        tmp_path_factory.mktemp("template"), os.environ.get("TOOLKIT_TEST_DATABASE_URL", "")
    )
    yield made
    made.close()


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path, templates):
    """A fresh database at the newest schema: a copy of the template, SQLite or PostgreSQL."""
    url = templates.copy(request.param, tmp_path / "test.db")
    yield url
    templates.drop(url)


@pytest.fixture
def empty_database_url(database_url, templates, tmp_path):
    """An empty database on the same engine, for tests that run the migrations themselves."""
    url = templates.empty(database_url, tmp_path / "empty.db")
    yield url
    templates.drop(url)


@pytest.fixture
def app_config(database_url, tmp_path, project_content):
    """The test app's configuration: its own database, the content as parsed, CSRF off."""
    return {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "DATA_DIR": tmp_path,
        "TESTING": True,
        "WTF_CSRF_ENABLED": False,
        "PUBLIC_URL": "",
        "CONTENT": project_content,
        "AUTO_MIGRATE": False,  # the template is migrated already
    }


@pytest.fixture(scope="session")
def compiled_templates():
    """Jinja's compiled templates, shared by the apps of the run."""
    return CompiledTemplates()


@pytest.fixture
def app(app_config, compiled_templates):
    """The app on its own database, CSRF off (one test turns it on)."""
    app = create_app(app_config)
    app.jinja_env.bytecode_cache = compiled_templates
    yield app
    broker = app.extensions["toolkit.broker"]
    if hasattr(broker, "close"):
        broker.close()  # PostgreSQL: a stream's listener holds a connection to the database
    app.extensions["toolkit.engine"].dispose()


@pytest.fixture
def db(app):
    """A session on the test app's database."""
    with open_session(app) as session:
        yield session


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def leader(app, db):
    """A logged-in process leader's client."""
    users.create_user(db, "leda", PASSWORD, "Lea Leder")
    client = app.test_client()
    response = client.post("/logga-in", data={"username": "leda", "password": PASSWORD})
    assert response.status_code == 302
    return client


@dataclass
class Room:
    """A process with Workshop 1 started, and ways to reach it."""

    process_id: int
    code: str
    organisation_ids: list[int]


@pytest.fixture
def room(app, leader, db):
    """A process "Ragunda Trampolinen" with Workshop 1 started."""
    response = leader.post(
        "/processer/",
        data={"name": "Ragunda Trampolinen", "municipality": "Ragunda kommun", "organisations": ""},
    )
    process_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    leader.post(f"/processer/{process_id}/workshop/workshop-1/starta")
    process = db.get(Process, process_id)
    orgs = [o.id for o in processes.organisations_of(db, process)]
    return Room(process_id, process.join_code, orgs)


@pytest.fixture
def join(app, room):
    """Join the room as a new participant (own cookie jar) and return their client."""

    def make(organisation: int = 0, name: str = ""):
        client = app.test_client()
        response = client.post(
            f"/{room.code}",
            data={"organisation": room.organisation_ids[organisation], "display_name": name},
        )
        assert response.status_code == 302, response.text
        return client

    return make
