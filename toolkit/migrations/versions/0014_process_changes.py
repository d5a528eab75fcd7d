"""process changes: which leader changed what in a process, and when

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 06:30:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "processchange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("actor_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
        sa.Column("tag", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=True),
        sa.Column("section", sqlmodel.sql.sqltypes.AutoString(length=130), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["answer_id"], ["answer.id"]),
        sa.ForeignKeyConstraint(["process_id"], ["process.id"]),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("processchange", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_processchange_process_id"), ["process_id"])
        batch_op.create_index(batch_op.f("ix_processchange_answer_id"), ["answer_id"])
        batch_op.create_index(batch_op.f("ix_processchange_section"), ["section"])
        batch_op.create_index(batch_op.f("ix_processchange_at"), ["at"])


def downgrade() -> None:
    op.drop_table("processchange")
