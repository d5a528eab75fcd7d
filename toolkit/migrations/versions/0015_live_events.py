"""live events: the embedded server's workers pass "this changed" events through the database

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 06:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table on its own: no copy of another table, so SQLite's foreign keys do not object.
    op.create_table(
        "liveevent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )


def downgrade() -> None:
    op.drop_table("liveevent")
