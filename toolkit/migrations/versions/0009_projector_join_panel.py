"""projector join panel: the workshop state keeps the join panel's size and the stage's page

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 02:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("workshopstate", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("join_panel_large", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column("projector_page", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("pages_turn", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    with op.batch_alter_table("workshopstate", schema=None) as batch_op:
        for column in ("pages_turn", "projector_page", "join_panel_large"):
            batch_op.drop_column(column)
