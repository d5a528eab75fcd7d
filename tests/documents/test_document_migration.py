"""Migration 0010: stored full-time shares of 1 become the full-time post they were typed as."""

from alembic import command
from sqlalchemy import create_engine, text

from toolkit.db import alembic_config


def test_a_share_stored_as_1_before_becomes_one_full_time_post(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    config = alembic_config(engine)
    command.upgrade(config, "0006")
    with engine.begin() as connection:
        # SQLite checks no foreign keys here, so the lines need no process around them.
        for number, share in enumerate((1, 40, None), 1):
            connection.execute(
                text(
                    "INSERT INTO budgetline (id, process_id, side, kind, description, amount,"
                    " full_time_percent, position) VALUES (:id, 1, 'kostnad', 'personal',"
                    " 'Rad', 1000, :share, :id)"
                ),
                {"id": number, "share": share},
            )

    command.upgrade(config, "head")

    with engine.connect() as connection:
        shares = connection.execute(
            text("SELECT full_time_percent FROM budgetline ORDER BY id")
        ).scalars()
        assert list(shares) == [100, 40, None]
        versions = connection.execute(text("SELECT version FROM documentsection")).all()
        assert versions == []
    engine.dispose()
