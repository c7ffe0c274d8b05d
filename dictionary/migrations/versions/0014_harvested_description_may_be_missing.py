"""a harvested dataset's description may be missing: the source gave none, and none is invented

``dataset.description_vi`` becomes nullable. Described here, a dataset still needs one (the
property registry's rule, checked by the dataset service); harvested, it keeps what its source
said, and a record without ``dct:description`` (or CKAN ``notes``) stays without one instead of
having its title copied in. The downgrade puts the title back where a description is missing.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03 18:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

NULLABLE = "Description in Vietnamese; required when described here, null when a harvested source gave none"
REQUIRED = "Description in Vietnamese"


def upgrade() -> None:
    with op.batch_alter_table("dataset") as batch:
        batch.alter_column(
            "description_vi",
            existing_type=sa.Text(),
            nullable=True,
            comment=NULLABLE,
            existing_comment=REQUIRED,
        )


def downgrade() -> None:
    op.execute("UPDATE dataset SET description_vi = title_vi WHERE description_vi IS NULL")
    with op.batch_alter_table("dataset") as batch:
        batch.alter_column(
            "description_vi",
            existing_type=sa.Text(),
            nullable=False,
            comment=REQUIRED,
            existing_comment=NULLABLE,
        )
