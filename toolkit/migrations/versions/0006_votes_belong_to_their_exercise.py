"""votes belong to their exercise: target group votes get workshop and exercise keys

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 23:29:41.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# Until this migration the only vote exercise was Övning 4a of Workshop 2
# (workshops/2-fran-upptackt-till-hjalp.yaml), so every dot cast so far belongs to it.
# The keys are written out as they were then: a migration must not read today's content.
EXISTING_VOTES = {"workshop_key": "workshop-2", "exercise_key": "ovning-4a"}


def upgrade() -> None:
    with op.batch_alter_table("targetgroupvote", schema=None) as batch_op:
        for column, key in EXISTING_VOTES.items():
            batch_op.add_column(
                sa.Column(
                    column,
                    sqlmodel.sql.sqltypes.AutoString(length=80),
                    nullable=False,
                    server_default=key,
                )
            )
    # The default only fills the existing rows; new votes always name their exercise.
    with op.batch_alter_table("targetgroupvote", schema=None) as batch_op:
        for column in EXISTING_VOTES:
            batch_op.alter_column(column, server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("targetgroupvote", schema=None) as batch_op:
        for column in reversed(EXISTING_VOTES):
            batch_op.drop_column(column)
