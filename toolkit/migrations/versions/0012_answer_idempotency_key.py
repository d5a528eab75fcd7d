"""answer idempotency key: a retried send finds the answer it already stored

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 03:40:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Each answer a participant sends carries a key made in the browser (or in the form);
    # one participant's key is stored once, so a retry after a time-out stores nothing new.
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("idempotency_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
        batch_op.create_unique_constraint(
            "uq_answer_participant_id_idempotency_key", ["participant_id", "idempotency_key"]
        )


def downgrade() -> None:
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_constraint("uq_answer_participant_id_idempotency_key", type_="unique")
        batch_op.drop_column("idempotency_key")
