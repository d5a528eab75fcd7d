"""removed case-path steps are kept, so a retry of the send that added one is not stored again

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 13:20:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column: SQLite adds it in place, without copying the table.
    op.add_column(
        "casepathstep",
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    # The removed steps go with the column; they were never shown.
    op.execute("DELETE FROM casepathstep WHERE deleted_at IS NOT NULL")
    with op.batch_alter_table("casepathstep", schema=None) as batch_op:
        batch_op.drop_column("deleted_at")
