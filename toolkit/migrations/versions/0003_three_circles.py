"""three circles: insatser, their undo log and the circle setup

Revision ID: 0003
Revises: 0004
Create Date: 2026-11-24 01:22:39.075496
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "circlesetup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("organisation_a", sa.Integer(), nullable=True),
        sa.Column("organisation_b", sa.Integer(), nullable=True),
        sa.Column("organisation_c", sa.Integer(), nullable=True),
        sa.Column("participants_may_move", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("process_id"),
    )
    op.create_table(
        "insats",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("level", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("region", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("answer_id", sa.Integer(), nullable=True),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answer_id"],
            ["answer.id"],
        ),
        sa.ForeignKeyConstraint(
            ["merged_into_id"],
            ["insats.id"],
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
        ),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("insats", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_insats_process_id"), ["process_id"], unique=False)

    op.create_table(
        "insatschange",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("insats_id", sa.Integer(), nullable=False),
        sa.Column("action", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("old_region", sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
        sa.Column("old_position", sa.Integer(), nullable=False),
        sa.Column("old_text", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("old_level", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
        sa.Column("merged_ids", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("undone_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["insats_id"],
            ["insats.id"],
        ),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("insatschange", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_insatschange_process_id"), ["process_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("insatschange", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_insatschange_process_id"))

    op.drop_table("insatschange")
    with op.batch_alter_table("insats", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_insats_process_id"))

    op.drop_table("insats")
    op.drop_table("circlesetup")
