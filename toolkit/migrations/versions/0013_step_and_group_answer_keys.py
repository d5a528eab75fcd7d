"""idempotency keys for case-path steps and vignette group answers, as answers have them

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 06:30:00.000000
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# Per table, what a key is unique within: a case path is the process's (its steps name no
# participant), a group answer is the participant's, as an answer is.
SCOPES = {"casepathstep": "process_id", "vignetteanswer": "participant_id"}


def upgrade() -> None:
    # No other table points at these two, so a SQLite batch may copy them.
    for table, scope in SCOPES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "idempotency_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True
                )
            )
            batch_op.create_unique_constraint(
                f"uq_{table}_{scope}_idempotency_key", [scope, "idempotency_key"]
            )


def downgrade() -> None:
    for table, scope in SCOPES.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f"uq_{table}_{scope}_idempotency_key", type_="unique")
            batch_op.drop_column("idempotency_key")
