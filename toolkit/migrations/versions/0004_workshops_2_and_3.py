"""workshops 2 and 3: votes, chosen target groups, case paths, surveys, vignette groups

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-24 01:22:15.077937
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "casepathstep",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("target_group", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("actor", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("casepathstep", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_casepathstep_process_id"), ["process_id"], unique=False
        )

    op.create_table(
        "chosentargetgroup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("target_group", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("process_id", "target_group"),
    )
    with op.batch_alter_table("chosentargetgroup", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_chosentargetgroup_process_id"), ["process_id"], unique=False
        )

    op.create_table(
        "localvignette",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
        sa.Column("age", sa.Integer(), nullable=False),
        sa.Column("stage", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("target_groups", sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=8000), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("localvignette", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_localvignette_process_id"), ["process_id"], unique=False
        )

    op.create_table(
        "survey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("workshop_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("exercise_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("part_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("process_id", "part_key"),
    )
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_process_id"), ["process_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_token"), ["token"], unique=True)

    op.create_table(
        "vignettegroup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("vignette_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.Column("is_reporting", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("vignettegroup", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vignettegroup_process_id"), ["process_id"], unique=False
        )

    op.create_table(
        "surveyresponse",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("survey_id", sa.Integer(), nullable=False),
        sa.Column("response", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("question_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["survey_id"],
            ["survey.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("surveyresponse", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_surveyresponse_response"), ["response"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_surveyresponse_survey_id"), ["survey_id"], unique=False
        )

    op.create_table(
        "targetgroupvote",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("target_group", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
        ),
        sa.ForeignKeyConstraint(
            ["process_id"],
            ["process.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("targetgroupvote", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_targetgroupvote_participant_id"), ["participant_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_targetgroupvote_process_id"), ["process_id"], unique=False
        )

    op.create_table(
        "vignetteanswer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("question_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["vignettegroup.id"],
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
    )
    with op.batch_alter_table("vignetteanswer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vignetteanswer_group_id"), ["group_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_vignetteanswer_process_id"), ["process_id"], unique=False
        )

    op.create_table(
        "vignettegroupmember",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["group_id"],
            ["vignettegroup.id"],
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participant.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("participant_id"),
    )
    with op.batch_alter_table("vignettegroupmember", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vignettegroupmember_group_id"), ["group_id"], unique=False
        )

    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("target_group", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True)
        )

    with op.batch_alter_table("exercisestate", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("current_step", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("exercisestate", schema=None) as batch_op:
        batch_op.drop_column("current_step")

    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_column("target_group")

    with op.batch_alter_table("vignettegroupmember", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vignettegroupmember_group_id"))

    op.drop_table("vignettegroupmember")
    with op.batch_alter_table("vignetteanswer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vignetteanswer_process_id"))
        batch_op.drop_index(batch_op.f("ix_vignetteanswer_group_id"))

    op.drop_table("vignetteanswer")
    with op.batch_alter_table("targetgroupvote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_targetgroupvote_process_id"))
        batch_op.drop_index(batch_op.f("ix_targetgroupvote_participant_id"))

    op.drop_table("targetgroupvote")
    with op.batch_alter_table("surveyresponse", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_surveyresponse_survey_id"))
        batch_op.drop_index(batch_op.f("ix_surveyresponse_response"))

    op.drop_table("surveyresponse")
    with op.batch_alter_table("vignettegroup", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vignettegroup_process_id"))

    op.drop_table("vignettegroup")
    with op.batch_alter_table("survey", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_token"))
        batch_op.drop_index(batch_op.f("ix_survey_process_id"))

    op.drop_table("survey")
    with op.batch_alter_table("localvignette", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_localvignette_process_id"))

    op.drop_table("localvignette")
    with op.batch_alter_table("chosentargetgroup", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_chosentargetgroup_process_id"))

    op.drop_table("chosentargetgroup")
    with op.batch_alter_table("casepathstep", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_casepathstep_process_id"))

    op.drop_table("casepathstep")
