"""document versions: a section's version for safe saves, named forums, full-time shares

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 02:30:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every save and every answer sent to a section counts the section's version up, so a
    # save from a page opened before is recognised as based on an older text.
    with op.batch_alter_table("documentsection", schema=None) as batch_op:
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
    # The model description's forums get their own names and order (any number of them), and
    # forums and steps a version like the sections'.
    with op.batch_alter_table("modelpart", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "title",
                sqlmodel.sql.sqltypes.AutoString(length=200),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
    # Before this revision a share of full time typed as "1" was stored as 1 per cent; the
    # form meant (and the page now reads "1" as) one full-time post. 1 % of a post is not a
    # share anyone budgets, so every stored 1 is the full-time post it was typed as.
    op.execute("UPDATE budgetline SET full_time_percent = 100 WHERE full_time_percent = 1")


def downgrade() -> None:
    with op.batch_alter_table("modelpart", schema=None) as batch_op:
        batch_op.drop_column("version")
        batch_op.drop_column("position")
        batch_op.drop_column("title")
    with op.batch_alter_table("documentsection", schema=None) as batch_op:
        batch_op.drop_column("version")
