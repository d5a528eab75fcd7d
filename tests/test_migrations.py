"""The migrations build exactly the schema the models describe."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel


@pytest.fixture
def app_config(app_config, empty_database_url):
    """An empty database instead of the template's copy, so that the app runs every migration."""
    return app_config | {"DATABASE_URL": empty_database_url, "AUTO_MIGRATE": True}


def test_migrations_match_the_models(app):
    engine = app.extensions["toolkit.engine"]
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
