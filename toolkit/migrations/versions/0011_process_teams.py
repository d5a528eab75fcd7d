"""process teams and administration: co-leaders, readers, invitation links, section comments,
the administrator, disabled accounts and password links

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 03:40:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "teammember",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("added_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["process_id"], ["process.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("process_id", "user_id"),
    )
    with op.batch_alter_table("teammember", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_teammember_process_id"), ["process_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_teammember_user_id"), ["user_id"], unique=False)
    op.create_table(
        "invitation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("role", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["process_id"], ["process.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitation_process_id"), ["process_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invitation_token_hash"), ["token_hash"], unique=True)
    op.create_table(
        "sectioncomment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("section_key", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_name", sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["user.id"]),
        sa.ForeignKeyConstraint(["process_id"], ["process.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("sectioncomment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sectioncomment_process_id"), ["process_id"], unique=False
        )

    # A plain ADD COLUMN: on SQLite a batch would copy and drop "user", which the processes'
    # foreign keys to it refuse once there are accounts.
    op.add_column(
        "user", sa.Column("is_admin", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column(
        "user", sa.Column("disabled", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    # The first account there is administers the instance, as one made from now on would.
    op.execute('UPDATE "user" SET is_admin = true WHERE id = (SELECT min(id) FROM "user")')
    op.create_table(
        "passwordlink",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("expires_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("used_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("passwordlink", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_passwordlink_token_hash"), ["token_hash"], unique=True)
        batch_op.create_index(batch_op.f("ix_passwordlink_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("passwordlink", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passwordlink_user_id"))
        batch_op.drop_index(batch_op.f("ix_passwordlink_token_hash"))
    op.drop_table("passwordlink")
    with op.batch_alter_table("user", schema=None) as batch_op:
        batch_op.drop_column("disabled")
        batch_op.drop_column("is_admin")
    with op.batch_alter_table("sectioncomment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sectioncomment_process_id"))
    op.drop_table("sectioncomment")
    with op.batch_alter_table("invitation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_token_hash"))
        batch_op.drop_index(batch_op.f("ix_invitation_process_id"))
    op.drop_table("invitation")
    with op.batch_alter_table("teammember", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_teammember_user_id"))
        batch_op.drop_index(batch_op.f("ix_teammember_process_id"))
    op.drop_table("teammember")
