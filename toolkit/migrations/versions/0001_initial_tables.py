"""initial tables

Revision ID: 0001
Revises:
Create Date: 2026-11-24 01:14:51.976539
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "joinattempt",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("joinattempt", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_joinattempt_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_joinattempt_client"), ["client"], unique=False)

    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_username"), ["username"], unique=True)

    op.create_table(
        "process",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("municipality", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("join_code", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("join_code_expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("show_names", sa.Boolean(), nullable=False),
        sa.Column("hold_answers", sa.Boolean(), nullable=False),
        sa.Column("current_workshop", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("current_exercise", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True),
        sa.Column("timer_duration", sa.Integer(), nullable=False),
        sa.Column("timer_started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("timer_elapsed", sa.Integer(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["user.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("process", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_process_join_code"), ["join_code"], unique=True)
        batch_op.create_index(batch_op.f("ix_process_owner_id"), ["owner_id"], unique=False)

    op.create_table(
        "exercisestate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("workshop_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("exercise_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("revealed", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("process_id", "workshop_key", "exercise_key"),
    )
    with op.batch_alter_table("exercisestate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_exercisestate_process_id"), ["process_id"], unique=False
        )

    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_process_id"), ["process_id"], unique=False
        )

    op.create_table(
        "rolemember",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("organisation", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rolemember", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rolemember_process_id"), ["process_id"], unique=False)

    op.create_table(
        "workshopstate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("workshop_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("started_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("process_id", "workshop_key"),
    )
    with op.batch_alter_table("workshopstate", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workshopstate_process_id"), ["process_id"], unique=False
        )

    op.create_table(
        "participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("joined_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
        ),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_participant_process_id"), ["process_id"], unique=False)

    op.create_table(
        "answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("workshop_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("exercise_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("question_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("hidden", sa.Boolean(), nullable=False),
        sa.Column("highlighted", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisation.id"],
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
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_answer_exercise_key"), ["exercise_key"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_answer_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_answer_process_id"), ["process_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_answer_process_id"))
        batch_op.drop_index(batch_op.f("ix_answer_participant_id"))
        batch_op.drop_index(batch_op.f("ix_answer_exercise_key"))

    op.drop_table("answer")
    with op.batch_alter_table("participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_process_id"))

    op.drop_table("participant")
    with op.batch_alter_table("workshopstate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workshopstate_process_id"))

    op.drop_table("workshopstate")
    with op.batch_alter_table("rolemember", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rolemember_process_id"))

    op.drop_table("rolemember")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_process_id"))

    op.drop_table("organisation")
    with op.batch_alter_table("exercisestate", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exercisestate_process_id"))

    op.drop_table("exercisestate")
    with op.batch_alter_table("process", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_process_owner_id"))
        batch_op.drop_index(batch_op.f("ix_process_join_code"))

    op.drop_table("process")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_username"))

    op.drop_table("user")
    with op.batch_alter_table("joinattempt", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_joinattempt_client"))
        batch_op.drop_index(batch_op.f("ix_joinattempt_at"))

    op.drop_table("joinattempt")
