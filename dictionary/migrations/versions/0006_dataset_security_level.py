"""the security level of the information system that holds a dataset

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 13:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dataset") as batch:
        batch.add_column(
            sa.Column(
                "security_level",
                sa.String(length=300),
                nullable=True,
                comment="Security level of the information system holding it, Decree 85/2016 (scheme security-levels)",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("dataset") as batch:
        batch.drop_column("security_level")
