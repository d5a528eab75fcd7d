"""Fixtures: an app with its own database per test (SQLite, and PostgreSQL when configured)."""

import os
import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text

from tests.helpers.web import PASSWORD
from toolkit import create_app
from toolkit.accounts import users
from toolkit.db import open_session
from toolkit.models import Process
from toolkit.processes import data as processes

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TOOLKIT_TEST_DATABASE_URL") else [])


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """A fresh, empty database: a SQLite file, or a new schema in the test PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.db'}"
        return
    base = os.environ["TOOLKIT_TEST_DATABASE_URL"]
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def app(database_url, tmp_path):
    """The app on its own database, CSRF off (one test turns it on)."""
    app = create_app(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "test-secret",
            "DATA_DIR": tmp_path,
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
            "PUBLIC_URL": "",
        }
    )
    yield app
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
