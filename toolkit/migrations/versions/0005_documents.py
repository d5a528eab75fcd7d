"""documents: sections, handlingsplan versions, goals, activities, model parts, budget, Word template

Revision ID: 0005
Revises: 0003
Create Date: 2026-11-24 01:22:44.867430
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actionplanversion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("snapshot", sa.Text(), nullable=False),
        sa.Column("saved_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("process_id", "number"),
    )
    with op.batch_alter_table("actionplanversion", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_actionplanversion_process_id"), ["process_id"], unique=False
        )

    op.create_table(
        "activity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("responsible", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_process_id"), ["process_id"], unique=False)

    op.create_table(
        "budgetline",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("side", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
        sa.Column("description", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("full_time_percent", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("budgetline", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budgetline_process_id"), ["process_id"], unique=False)

    op.create_table(
        "documentsection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("section_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("updated_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("process_id", "document", "section_key"),
    )
    with op.batch_alter_table("documentsection", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_documentsection_process_id"), ["process_id"], unique=False
        )

    op.create_table(
        "goal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("term", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("follow_up", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_process_id"), ["process_id"], unique=False)

    op.create_table(
        "modelpart",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("who", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("when_or_lead", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("what", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("process_id", "kind", "key"),
    )
    with op.batch_alter_table("modelpart", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_modelpart_process_id"), ["process_id"], unique=False)

    op.create_table(
        "wordtemplate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("filename", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("uploaded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("process_id"),
    )


def downgrade() -> None:
    op.drop_table("wordtemplate")
    with op.batch_alter_table("modelpart", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_modelpart_process_id"))

    op.drop_table("modelpart")
    with op.batch_alter_table("goal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_process_id"))

    op.drop_table("goal")
    with op.batch_alter_table("documentsection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documentsection_process_id"))

    op.drop_table("documentsection")
    with op.batch_alter_table("budgetline", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budgetline_process_id"))

    op.drop_table("budgetline")
    with op.batch_alter_table("activity", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_process_id"))

    op.drop_table("activity")
    with op.batch_alter_table("actionplanversion", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_actionplanversion_process_id"))

    op.drop_table("actionplanversion")
