"""what a harvested source said: its identifier, IRI, dates, languages, coverage, standards, texts

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 12:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TEXTS = [
    ("harvest_source", 500, "The catalog URL this dataset was harvested from; null if described here"),
    ("source_identifier", 500, "dct:identifier as the harvested source gave it; ours is the id"),
    ("source_uri", 500, "The dataset's IRI at the source it was harvested from"),
    ("issued", 40, "dct:issued as the source gave it (xsd:date or xsd:dateTime form); else our creation time"),
    ("modified", 40, "dct:modified as the source gave it (xsd:date or xsd:dateTime form); else our last change"),
    (
        "text_language",
        40,
        "Language tag of title_vi, description_vi and keywords_vi when a source wrote them in another "
        "language than Vietnamese ('' for untagged); null means Vietnamese",
    ),
]
LISTS = [
    ("languages", "dct:language as given (EU language URIs or codes); empty means Vietnamese"),
    ("coverage", "dct:spatial as given (URIs or place names); empty means Viet Nam"),
    ("conforms_to", "dct:conformsTo: standards or specifications followed (URIs or names)"),
    ("other_identifiers", "adms:identifier notations: other identifiers of the same dataset"),
]


def upgrade() -> None:
    with op.batch_alter_table("dataset") as batch:
        for name, length, comment in TEXTS:
            batch.add_column(sa.Column(name, sa.String(length=length), nullable=True, comment=comment))
        for name, comment in LISTS:
            batch.add_column(
                sa.Column(name, sa.JSON(), nullable=False, server_default=sa.text("'[]'"), comment=comment)
            )
        batch.create_index(batch.f("ix_dataset_harvest_source"), ["harvest_source"], unique=False)
        batch.add_column(
            sa.Column(
                "translations",
                sa.JSON(),
                nullable=False,
                server_default=sa.text("'{}'"),
                comment="Texts in further languages: property → language tag → list of texts",
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("dataset") as batch:
        batch.drop_index(batch.f("ix_dataset_harvest_source"))
        for name in ["translations", *(n for n, _ in reversed(LISTS)), *(n for n, _, _ in reversed(TEXTS))]:
            batch.drop_column(name)
