"""Fresh schemas in the test PostgreSQL, for servers that migrate their database themselves."""

import uuid

from sqlalchemy import create_engine, text


class Schema:
    """A fresh schema in the test PostgreSQL, and a URL whose connections use it."""

    def __init__(self, base: str) -> None:
        self.name = f"t_{uuid.uuid4().hex[:16]}"
        self.admin = create_engine(base)
        with self.admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{self.name}"'))
        separator = "&" if "?" in base else "?"
        # A name of our own, so a test can cut exactly these connections and no one else's.
        self.application = f"toolkit-{self.name}"
        self.url = (
            f"{base}{separator}options=-csearch_path%3D{self.name}"
            f"&application_name={self.application}"
        )

    def scalar(self, sql: str, **params):
        """The first value the query returns, in this schema."""
        with self.admin.connect() as connection:
            connection.execute(text(f'SET search_path TO "{self.name}"'))
            return connection.execute(text(sql), params).scalar()

    def scalars(self, sql: str, **params) -> list:
        """The first column of every row the query returns, in this schema."""
        with self.admin.connect() as connection:
            connection.execute(text(f'SET search_path TO "{self.name}"'))
            return list(connection.execute(text(sql), params).scalars())

    def terminate_connections(self) -> int:
        """Cut every connection the app holds, as a database restart would."""
        with self.admin.connect() as connection:
            return len(
                connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE application_name = :name"
                    ),
                    {"name": self.application},
                ).all()
            )

    def drop(self) -> None:
        with self.admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self.admin.dispose()
