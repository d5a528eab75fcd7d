"""The schema migrated once per run into a template database, and a copy of it for each test."""

import shutil
import uuid
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from toolkit import db


def migrate(url: str) -> None:
    """Run every migration on the database at `url`."""
    engine = db.make_engine(url)
    db.upgrade(engine)
    engine.dispose()  # SQLite folds its WAL into the file when the last connection closes


class Templates:
    """Migrated templates, made on first use: a SQLite file, and a database in PostgreSQL."""

    def __init__(self, folder: Path, postgres_url: str = "") -> None:
        self.folder = folder
        self.postgres_url = postgres_url
        self._sqlite: Path | None = None
        self._postgres = ""
        self._admin: Engine | None = None

    def copy(self, kind: str, path: Path) -> str:
        """A new database at the newest schema: a SQLite file at `path`, or a PostgreSQL one."""
        return self.sqlite(path) if kind == "sqlite" else self.postgresql()

    def sqlite(self, path: Path) -> str:
        """A copy of the SQLite template at `path`."""
        if self._sqlite is None:
            template = self.folder / "template.db"
            migrate(f"sqlite:///{template}")
            self._sqlite = template
        shutil.copyfile(self._sqlite, path)
        return f"sqlite:///{path}"

    def postgresql(self) -> str:
        """A new PostgreSQL database made from the template (CREATE DATABASE … TEMPLATE)."""
        if not self._postgres:
            self._postgres = self._create("template")
            migrate(self._url(self._postgres))
        return self._url(self._create("test", template=self._postgres))

    def empty(self, like: str, path: Path) -> str:
        """A new database without any tables, of the same kind as the URL `like`."""
        if like.startswith("sqlite"):
            return f"sqlite:///{path}"
        return self._url(self._create("empty"))

    def drop(self, url: str) -> None:
        """Remove a PostgreSQL database made here; a SQLite file goes with its test's folder."""
        if url.startswith("postgresql"):
            self._drop(make_url(url).database)

    def close(self) -> None:
        if self._postgres:
            self._drop(self._postgres)
        if self._admin is not None:
            self._admin.dispose()

    def _create(self, purpose: str, template: str = "") -> str:
        name = f"toolkit_{purpose}_{uuid.uuid4().hex[:16]}"
        clause = f' TEMPLATE "{template}"' if template else ""
        with self._connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
        return name

    def _drop(self, name: str) -> None:
        # FORCE: a connection a test left open (a live listener) must not keep the database.
        with self._connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def _connect(self):
        if self._admin is None:
            self._admin = create_engine(self.postgres_url, isolation_level="AUTOCOMMIT")
        return self._admin.connect()

    def _url(self, name: str) -> str:
        return make_url(self.postgres_url).set(database=name).render_as_string(hide_password=False)
