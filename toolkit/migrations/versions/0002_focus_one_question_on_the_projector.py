"""focus one question on the projector

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 01:25:28.152916
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("exercisestate", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("focus_question", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("exercisestate", schema=None) as batch_op:
        batch_op.drop_column("focus_question")
