"""process start-up: the guide's start-up before Workshop 1, answered and ticked per process

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 02:40:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "startupitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["process_id"], ["process.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("process_id", "item_key"),
    )
    with op.batch_alter_table("startupitem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_startupitem_process_id"), ["process_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("startupitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_startupitem_process_id"))
    op.drop_table("startupitem")
