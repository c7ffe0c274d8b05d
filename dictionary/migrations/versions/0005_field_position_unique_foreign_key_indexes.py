"""unique field position per dataset; an index on every foreign key

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 09:15:00
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Foreign keys that had no index: deleting a field (ON DELETE SET NULL on the fields that refer
# to it) or a principal or agency scanned the whole referring table.
INDEXES = [
    ("access_grant", "revoked_by_id"),
    ("access_request", "decided_by_id"),
    ("access_request", "opinion_by_id"),
    ("agency_event", "related_agency_id"),
    ("contact_point", "agency_id"),
    ("field", "code_list_standard_id"),
    ("field", "foreign_key_field_id"),
]


def upgrade() -> None:
    for table, column in INDEXES:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)
    # Earlier writes could leave two fields on one position only through a race; renumber first.
    op.execute(
        """
        UPDATE field SET position = (
            SELECT COUNT(*) FROM field AS other
            WHERE other.dataset_id = field.dataset_id
              AND (other.position < field.position
                   OR (other.position = field.position AND other.name <= field.name))
        )
        """
    )
    with op.batch_alter_table("field") as batch:
        batch.create_unique_constraint("dataset_position", ["dataset_id", "position"])


def downgrade() -> None:
    with op.batch_alter_table("field") as batch:
        batch.drop_constraint("dataset_position", type_="unique")
    for table, column in reversed(INDEXES):
        op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
